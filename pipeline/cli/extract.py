"""``gongkai extract``: reports in, one JSON object per report out."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import GongkaiError
from .main import app


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


@app.command("extract")
def extract_command(
    files: Annotated[list[Path], typer.Argument(help="Report files: .txt, .html/.htm, .docx, .pdf (format is detected from content).", show_default=False)],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="jsonl: one JSON object per line; json: one JSON array; table: a readable summary.")] = OutputFormat.jsonl,
    include_text: Annotated[bool, typer.Option("--text/--no-text", help="Include the full report text in JSON output.")] = False,
) -> None:
    """Extract metadata, sections, paragraphs, tables and checks from each report.

    Every file is processed; a file that cannot be read is reported on stderr
    with its path and the reason, and the exit code is then 1.  Findings about
    a report (failed checks, not a report) are output, not errors.
    """
    from ..extract import extract

    failures = 0
    collected = []
    for path in files:
        try:
            report = extract(path, name=str(path))
        except GongkaiError as e:
            failures += 1
            typer.echo(f"error: {e}", err=True)
            if output_format is not OutputFormat.table:
                record = {"source": str(path), "status": "failed", "error": str(e), "error_code": e.code}
                _emit(record, output_format, collected)
            continue
        if output_format is OutputFormat.table:
            from .summary import print_summary

            print_summary(report)
        else:
            _emit(report.to_dict(include_text=include_text), output_format, collected)
    if output_format is OutputFormat.json:
        json.dump(collected, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    if failures:
        raise typer.Exit(1)


def _emit(record: dict, output_format: OutputFormat, collected: list) -> None:
    if output_format is OutputFormat.jsonl:
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        collected.append(record)
