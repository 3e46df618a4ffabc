"""The one report model every form writer renders, and what the generator hands out.

A :class:`Document` is a sequence of blocks in reading order; writers turn it
into bytes of one form (``txt`` in several flattenings, ``html``; later
``docx``, ``pdf``) without deciding anything about content.
"""
from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class Rendering:
    """Text a form writer produced, before script and encoding variants."""

    text: str
    layout: str


@dataclass(frozen=True)
class SyntheticReport:
    """One generated report: file content plus the output ``extract`` should give."""

    name: str
    form: str
    content: bytes
    encoding: str
    expected: dict[str, Any] = field(repr=False)

    @property
    def filename(self) -> str:
        return f"{self.name}.{self.form}"

    @property
    def text(self) -> str:
        return self.content.decode(self.encoding)
