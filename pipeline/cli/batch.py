"""``gongkai batch``: a corpus in, tidy tables, a manifest and a DuckDB database out."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TaskProgressColumn, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.text import Text

from ..errors import GongkaiError
from .main import app

if TYPE_CHECKING:
    from ..batch import Progress as BatchProgress


@app.command("batch")
def batch_command(
    inputs: Annotated[list[str], typer.Argument(help="Folders (searched recursively), globs (quote them), report files, or manifests (.csv/.jsonl with a 'path' column and optional agency, region_code, year, url).", show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder. Rerunning the same command into it resumes an interrupted run.", file_okay=False, show_default=False)],
    workers: Annotated[int | None, typer.Option("--workers", "-w", help="Worker processes (default: every local core; with --dask: workers of a LocalCluster).", min=1, show_default=False)] = None,
    dask: Annotated[str | None, typer.Option("--dask", help="Run on Dask: a scheduler address (tcp://host:8786) or 'local' for a LocalCluster. Workers need gongkai installed and the same paths.", show_default=False)] = None,
    time_limit: Annotated[float, typer.Option("--time-limit", help="Seconds allowed per file; a file over it is recorded as failed (E100) and the run goes on. 0: no limit.", min=0)] = 60.0,
    chunk_size: Annotated[int | None, typer.Option("--chunk-size", help="Files per chunk: the unit of work and of resumption (default: 200, fewer for small corpora so every worker gets work; give the same value when resuming).", min=1, show_default=False)] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Also write DIR/jsonl/<table>.jsonl.")] = False,
    fresh: Annotated[bool, typer.Option("--fresh", help="Discard the work log of an earlier run in DIR and start over.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar (for logs); totals are still printed at the end.")] = False,
) -> None:
    """Process a whole corpus of annual reports.

    Every input file gets a row in DIR/manifest.parquet: ok, not_a_report,
    needs_ocr, unsupported (.doc, .wps and other office files), failed (with
    the error; a file that crashes or hangs a parser is isolated) or
    duplicate (same bytes as an earlier file).  Reports become tidy tables
    joinable on report_id (reports, sections, paragraphs with labels,
    figures, cells, checks) as Parquet partitioned by year, plus
    DIR/gongkai.duckdb with views for common questions and DIR/README.md,
    the data dictionary.

    The run is resumable: after Ctrl-C, kill -9 or a lost machine, run the
    same command again; finished chunks are kept, and the outputs equal
    those of an uninterrupted run.
    """
    if dask in (None, "local"):
        # the local workers' server loads the pipeline while this process loads DuckDB and Arrow
        from ..batch import forkserver

        forkserver.start(forkserver.DASK_PRELOAD if dask else forkserver.PRELOAD)
    # The pipeline's libraries load here, not when `gongkai --help` or another command starts.
    from ..batch import BatchOptions, run
    from ..batch.dictionary import STATUS_ORDER

    options = BatchOptions(workers=workers, dask=dask, time_limit=time_limit or None, chunk_size=chunk_size,
                           jsonl=jsonl, fresh=fresh)
    console = Console(stderr=True)
    bar = None if quiet else _progress_bar(console)
    task = None

    def show(p: BatchProgress) -> None:
        nonlocal task
        if bar is None:
            return
        if task is None:
            task = bar.add_task("reports", total=p.files_total, mb=0.0)
        bar.update(task, completed=p.files_done, mb=p.bytes_done / 1e6)

    try:
        if bar is None:
            result = run(inputs, out, options=options)
        else:
            with bar:
                result = run(inputs, out, options=options, progress=show)
    except GongkaiError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(1) from e
    totals = result.totals
    summary = ", ".join(f"{totals.get(s, 0)} {s}" for s in STATUS_ORDER)
    typer.echo(f"{sum(totals.values())} files: {summary}")
    typer.echo(f"outputs in {result.outputs.out} (data dictionary: {result.outputs.readme})")


class _RateColumn(ProgressColumn):
    """Files per second over rich's recent window (resumed chunks count in the first seconds only)."""

    def render(self, task: Task) -> Text:
        return Text("-- files/s" if task.speed is None else f"{task.speed:.0f} files/s", style="green")


def _progress_bar(console: Console) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
        _RateColumn(), TextColumn("[cyan]{task.fields[mb]:.1f} MB"), TimeElapsedColumn(), TextColumn("ETA"),
        TimeRemainingColumn(), console=console,
    )
