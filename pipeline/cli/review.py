"""``gongkai review``: import predictions, sign reviewers up, serve the review app, export gold data."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import GongkaiError
from .main import app

review_app = typer.Typer(
    help="Review labels and figures in a web app; decisions are logged and exported as gold JSON Lines.",
    no_args_is_help=True,
)
app.add_typer(review_app, name="review")

DbArgument = Annotated[Path, typer.Argument(help="The review database (SQLite, WAL mode).", metavar="DB")]


def _fail(command: str, error: GongkaiError, code: int = 1) -> typer.Exit:
    typer.echo(f"gongkai review {command}: {error}", err=True)
    return typer.Exit(code)


@review_app.command("import")
def import_command(
    db: DbArgument,
    sources: Annotated[list[Path], typer.Argument(
        help="Report files in any form (run through the pipeline), `gongkai extract` JSON Lines, "
             "or `gongkai batch` output folders.", metavar="SOURCE...", show_default=False)],
    double: Annotated[float, typer.Option(
        "--double", min=0.0, max=1.0,
        help="Share of newly imported paragraphs (a stable random slice) to be reviewed by two people.")] = 0.0,
) -> None:
    """Load SOURCEs into DB (created when missing). Re-importing a report refreshes its predictions and keeps
    every decision. Prints one line per source; exit status 1 when any source could not be imported."""
    from ..review import import_sources

    failed = False
    for outcome in import_sources(db, sources, double_fraction=double):
        if outcome.error is not None:
            failed = True
            typer.echo(f"gongkai review import: {outcome.error}", err=True)
        else:
            typer.echo(f"{outcome.source}: {outcome.reports} reports, {outcome.paragraphs} paragraphs")
    if failed:
        raise typer.Exit(1)


@review_app.command("reviewer")
def reviewer_command(
    db: DbArgument,
    name: Annotated[str, typer.Argument(help="The reviewer's name, as shown in the decision log.")],
) -> None:
    """Add reviewer NAME (or give them a new token) and print their sign-in token; only its hash is stored."""
    from ..review import ReviewStore

    try:
        typer.echo(ReviewStore(db).add_reviewer(name))
    except GongkaiError as e:
        raise _fail("reviewer", e, 2) from e


@review_app.command("serve")
def serve_command(
    db: DbArgument,
    host: Annotated[str, typer.Option(help="Interface to listen on; keep 127.0.0.1 unless behind a TLS proxy.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the review app over DB. Reviewers sign in with the name and token from `gongkai review reviewer`."""
    import uvicorn

    from ..review.app import create_app

    try:
        application = create_app(db)
    except GongkaiError as e:
        raise _fail("serve", e, 2) from e
    uvicorn.run(application, host=host, port=port, log_level="warning")


@review_app.command("export")
def export_command(
    db: DbArgument,
    out: Annotated[Path, typer.Option("--out", "-o", help="Gold JSON Lines file to write.", show_default=False)],
) -> None:
    """Write every settled paragraph (reviewed once, or twice and agreed or adjudicated) as one gold line:
    {"id", "text", "labels", "heading", "year", "format", "source", "figures"} — the formats of
    ../shared/spec/labels.md and figures.md; `gongkai train --extra FILE` learns from it."""
    from ..review import ReviewStore, export_file

    try:
        n = export_file(ReviewStore(db), out)
    except GongkaiError as e:
        raise _fail("export", e, 2) from e
    typer.echo(f"{out}: {n} reviewed paragraphs")
