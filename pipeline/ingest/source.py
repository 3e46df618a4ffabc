"""What every reader produces: the report as text, tables laid out as pipe rows."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Form = Literal["txt", "html", "docx", "pdf"]


@dataclass(frozen=True)
class SourceDocument:
    """A report's text as its reader laid it out.

    Table rows from structured sources (HTML, DOCX, PDF tables) are written one
    row per line as ``cell | cell | cell |``: the same flattened form web
    scrapes arrive in, so one table parser serves every form.  ``text`` is what
    offsets point into.
    """

    path: str
    text: str
    form: Form
    encoding: str | None = None
    pages: int | None = None


def table_row_line(cells: list[str]) -> str:
    """One table row as a pipe row: cells cleaned of inner line breaks."""
    return pipe_row([" ".join(c.split()) for c in cells])


def pipe_row(cells: list[str]) -> str:
    """Cells that are already single-spaced lines, as a pipe row."""
    return " | ".join(cells) + " |"
