"""``gongkai synth``: write synthetic reports and their expected extraction output."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import GongkaiError
from .main import app

# Spelled out rather than imported: pipeline.synth.forms loads python-docx and reportlab, which
# every `gongkai` command would then pay for at start-up (tests/cli check these against it).
FORMS = ("txt", "html", "docx", "pdf")
DEFAULT_FORMS = "txt,html"


@app.command("synth")
def synth_command(
    n: Annotated[int, typer.Argument(help="How many reports to write.", min=0, show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory for the reports; expected output goes to OUT/expected/<name>.json.", file_okay=False)],
    forms: Annotated[str, typer.Option("--forms", help=f"Comma-separated file forms to write, among: {', '.join(FORMS)}.")] = DEFAULT_FORMS,
    seed: Annotated[int, typer.Option("--seed", help="Random seed; the same seed always writes the same corpus.")] = 0,
) -> None:
    """Write N synthetic annual reports with known values, cycling through the
    2021, 2019 and legacy editions and every layout of each form (txt: pipe_rows,
    cell_lines, blank_lines, pdf_text; html: paragraphs, br_lines; docx:
    whole_tables, split_tables; pdf: flowing, page_break), with
    traditional-script, GBK/GB18030, BOM and full-width-digit variants.
    Word files and PDFs are written only when asked for: --forms docx,pdf.

    Some reports are deliberately inconsistent, some have blank or
    not-applicable cells; OUT/expected/<name>.json records the tables, checks,
    metadata and sections that `gongkai extract` should give for each.
    """
    from ..synth import write_corpus

    chosen = [f.strip() for f in forms.split(",") if f.strip()]
    try:
        paths = write_corpus(out, n, seed=seed, forms=chosen)
    except GongkaiError as e:
        raise typer.BadParameter(str(e), param_hint="--forms") from e
    typer.echo(f"wrote {len(paths)} reports to {out}")
