"""``gongkai figures``: figures stated in prose, for JSON Lines of ``{"id", "text"}``."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .main import app


@app.command("figures")
def figures_command(
    source: Annotated[str, typer.Argument(
        help='JSON Lines file with one {"id": ..., "text": ...} object per line, or "-" for standard input.',
        metavar="IN.jsonl")],
) -> None:
    """Extract the figures stated in running text: counts, money, percentages, durations, negated zeros.

    Writes one line {"id", "figures": [...]} per input line to standard output.

    Each figure has text, start and end (offsets into that line's text), value, value_max, approx, unit, kind, item, action, negated, and rule (the unit or rule that found it).

    A malformed line is reported on standard error with its file and line number and skipped; the exit status is 1 if any line could not be processed, else 0.
    """
    from ..figures.jsonl import figures_jsonl

    if source == "-":
        failures = figures_jsonl(sys.stdin, sys.stdout, name="<stdin>", errors=sys.stderr)
    else:
        path = Path(source)
        if not path.is_file():
            typer.echo(f"gongkai figures: {path}: file not found", err=True)
            raise typer.Exit(2)
        with path.open(encoding="utf-8") as lines:
            failures = figures_jsonl(lines, sys.stdout, name=str(path), errors=sys.stderr)
    if failures:
        raise typer.Exit(1)
