"""The one report model every form writer renders, and what the generator hands out.

A :class:`Document` is a sequence of blocks in reading order; writers turn it
into bytes of one form (``txt`` in several flattenings, ``html``, ``docx``,
``pdf``) without deciding anything about content.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Literal

Edition = Literal["2021", "2019", "legacy"]


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class MetaBlock:
    """The 索引号/发布机构/dates box; ``style`` says how the page shows it."""

    fields: tuple[tuple[str, str], ...]
    style: Literal["pipe", "colon"]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class TableCell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False


@dataclass(frozen=True)
class Table:
    """A table as its grid of cells, spans included (the HTML truth).

    ``header_rows`` counts the leading rows that are column headers;
    ``vertical_headers`` are header texts a PDF would set one character per line.
    """

    name: str
    width: int
    rows: tuple[tuple[TableCell, ...], ...]
    header_rows: tuple[int, ...] = ()
    vertical_headers: frozenset[str] = frozenset()

    def placements(self) -> Iterator[tuple[int, int, TableCell]]:
        """``(row, column, cell)`` on the grid: a cell goes to the first column
        that no span from above or the left already covers."""
        covered: set[tuple[int, int]] = set()
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                while (r, c) in covered:
                    c += 1
                yield r, c, cell
                covered.update((r + i, c + j) for i in range(cell.rowspan) for j in range(cell.colspan))
                c += cell.colspan

    @property
    def lead(self) -> int:
        """How many header rows open the table: those a page's continuation repeats."""
        return next((i for i in range(len(self.rows)) if i not in self.header_rows), len(self.rows))

    def cuts(self) -> list[int]:
        """Rows a page break may fall before: past the leading header rows and
        the first row under them, and through no rowspan."""
        crossing = {b for r, _, cell in self.placements() for b in range(r + 1, r + cell.rowspan)}
        return [b for b in range(self.lead + 1, len(self.rows)) if b not in crossing]


@dataclass(frozen=True)
class Signature:
    agency: str
    date: str


Block = Title | MetaBlock | Heading | Paragraph | Table | Signature


@dataclass(frozen=True)
class Document:
    blocks: tuple[Block, ...]
    agency: str
    site: str  # the portal the HTML page pretends to belong to

    def map_text(self, convert: Callable[[str], str]) -> Document:
        """The same document with every text it shows passed through ``convert``
        (binary forms are converted to traditional script before they are written)."""
        return replace(self, blocks=tuple(_map_block(b, convert) for b in self.blocks),
                       agency=convert(self.agency), site=convert(self.site))


def _map_block(block: Block, convert: Callable[[str], str]) -> Block:
    if isinstance(block, Title | Heading | Paragraph):
        return replace(block, text=convert(block.text))
    if isinstance(block, MetaBlock):
        return replace(block, fields=tuple((convert(k), convert(v)) for k, v in block.fields))
    if isinstance(block, Signature):
        return Signature(convert(block.agency), convert(block.date))
    rows = tuple(tuple(replace(cell, text=convert(cell.text)) for cell in row) for row in block.rows)
    return replace(block, rows=rows, vertical_headers=frozenset(map(convert, block.vertical_headers)))


@dataclass(frozen=True)
class Rendering:
    """What a form writer produced: text before script and encoding variants,
    or, for a binary form (docx, pdf), the file itself in ``content``."""

    text: str
    layout: str
    content: bytes | None = None


@dataclass(frozen=True)
class SyntheticReport:
    """One generated report: file content plus the output ``extract`` should give."""

    name: str
    form: str
    content: bytes
    encoding: str | None  # None for binary forms
    expected: dict[str, Any] = field(repr=False)

    @property
    def filename(self) -> str:
        return f"{self.name}.{self.form}"

    @property
    def text(self) -> str:
        """The decoded content of a text form."""
        return self.content.decode(self.encoding)
