"""``gongkai audit`` and ``gongkai report``: findings and indicators over a batch output, and their HTML report."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import GongkaiError
from .main import app

RunDir = Annotated[Path, typer.Argument(help="Output folder of `gongkai batch`.", exists=True, file_okay=False,
                                        show_default=False)]


@app.command("audit")
def audit_command(
    run_dir: RunDir,
    previous: Annotated[Path | None, typer.Option(
        "--previous", help="Output folder of an earlier batch run: last year's reports for the cross-year "
                           "and copying checks (no findings are written for them).",
        exists=True, file_okay=False)] = None,
) -> None:
    """Audit every report of a batch output and add the results to it.

    Findings go into the run's checks table (Parquet under RUN_DIR/checks/ and
    RUN_DIR/gongkai.duckdb), with rule ids audit.completeness.part.<part>,
    audit.completeness.table.<table>, audit.completeness.blank.<table>,
    audit.edition, audit.timeliness, audit.cross_year.carry_over.<column>,
    audit.cross_year.in_force.<row>, audit.copying.previous,
    audit.copying.corpus and audit.specificity, each with status
    pass/fail/uncertain and its evidence (message, cells, left, right,
    difference).  The indicators table (report, indicator, numerator,
    denominator, value, small_denominator) and audit_passages (the most
    similar passages behind copying findings) are written beside them.
    Rules and lexicons live in configs/audit/.  Running it again replaces
    the earlier audit; the batch's own rows are never changed.
    """
    from ..audit import audit_run  # pandas, DuckDB and matplotlib load only for this command

    try:
        result = audit_run(run_dir, previous)
    except GongkaiError as e:
        raise typer.BadParameter(str(e), param_hint="RUN_DIR") from e
    findings = result.findings.to_pandas()
    failed = int((findings["status"] == "fail").sum())
    typer.echo(f"{len(findings)} findings ({failed} failed), {result.indicators.num_rows} indicator rows "
               f"written to {run_dir}")


@app.command("report")
def report_command(
    run_dir: RunDir,
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.", dir_okay=False)] = Path(
        "report.html"),
) -> None:
    """Write one self-contained HTML file about an audited run (run `gongkai audit` first).

    Charts (volumes and rates by year, agency level or type and region; the
    most common refusal reasons; check failures by rule; the agencies with
    the most copied text; paragraph labels over the years) are inline SVG;
    tables sort by a click on a column; every finding links to the text of
    its report.  The file needs no network access.
    """
    from ..audit import write_report

    try:
        path = write_report(run_dir, out)
    except GongkaiError as e:
        raise typer.BadParameter(str(e), param_hint="RUN_DIR") from e
    typer.echo(f"wrote {path}")
