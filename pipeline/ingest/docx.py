"""Word (.docx) reports to text: paragraphs and tables in document order.

Paragraphs come out one per line, with their automatic list numbers
(``一、``) spelled in; tables come out as pipe rows (:func:`table_row_line`)
with merged cells laid on the grid: a horizontally merged cell is followed by
empty cells for the columns it spans, a vertically merged cell is empty in
the rows it continues into.  Headers, footers, footnotes and drawings are
left out.  A table that the author split in two (at a page break) is joined
again, without the header rows the second half repeats.

The archive is checked against size and compression-ratio limits before
python-docx inflates any part of it, so a zip bomb costs nothing.
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from pipeline.errors import Errors, InputError
from pipeline.ingest.cjk_text import cell_text
from pipeline.ingest.docx_numbering import W, Numbering
from pipeline.ingest.office import sniff_office
from pipeline.ingest.source import SourceDocument, table_row_line
from pipeline.ingest.table_join import continuation_rows

_W = f"{{{W}}}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

# Elements whose children are laid out as if they stood in the parent.
_TRANSPARENT = {f"{_W}hyperlink", f"{_W}ins", f"{_W}smartTag", f"{_W}fldSimple", f"{_W}customXml",
                f"{_W}sdt", f"{_W}sdtContent", f"{_W}r", f"{MC}AlternateContent", f"{MC}Choice"}
# Deleted text, drawings (text boxes, seals), embedded objects, and the
# markup-compatibility fallback that repeats the chosen content.
_SKIPPED = {f"{_W}del", f"{_W}drawing", f"{_W}pict", f"{_W}object", f"{MC}Fallback",
            f"{_W}pPr", f"{_W}rPr", f"{_W}sdtPr", f"{_W}instrText", f"{_W}delText"}


@dataclass(frozen=True)
class DocxLimits:
    """Bounds on what one .docx may cost to read."""

    max_bytes: int = 50_000_000
    max_uncompressed_bytes: int = 200_000_000
    # Ratio of inflated to deflated size of one part: repetitive table XML
    # reaches 1:250, deflate's ceiling (a run of zeros) is about 1:1000.
    max_ratio: float = 500.0
    # An XML part becomes a tree some ten times its size in memory.
    max_xml_part_bytes: int = 32_000_000
    max_parts: int = 5_000
    max_table_rows: int = 5_000


@dataclass
class _Table:
    rows: list[list[str]]
    width: int


def read_docx(path: str, data: bytes, *, limits: DocxLimits = DocxLimits()) -> SourceDocument:
    """Read a .docx file's bytes into a :class:`SourceDocument`.

    Raises :class:`InputError` (E008 too large, E010 unreadable or beyond a
    limit).
    """
    if len(data) > limits.max_bytes:
        raise InputError(Errors.E008, path=path, size=len(data), limit=limits.max_bytes)
    _check_archive(path, data, limits)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as e:
        raise InputError(Errors.E010, path=path, reason=f"not a Word document package ({e})") from e
    numbering_part = _numbering_part(document)
    reader = _BodyReader(
        path=path,
        numbering=Numbering.from_xml(numbering_part),
        style_numbering=_style_numbering(document.styles.element),
        limits=limits,
    )
    lines: list[str] = []
    for block in _join_split_tables(reader.blocks(document.element.body)):
        if isinstance(block, _Table):
            lines.extend(table_row_line(row) for row in block.rows)
        elif block:
            lines.append(block)
    return SourceDocument(path=path, text="\n".join(lines) + "\n" if lines else "", form="docx")


def _check_archive(path: str, data: bytes, limits: DocxLimits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as e:
        found = sniff_office(data)
        what = f"the content is {found}" if found else "the content is not a zip archive"
        raise InputError(Errors.E010, path=path, reason=f"{what}, not a DOCX package") from e
    if len(infos) > limits.max_parts:
        raise InputError(Errors.E010, path=path, reason=f"archive has {len(infos)} parts (limit {limits.max_parts})")
    total = sum(info.file_size for info in infos)
    if total > limits.max_uncompressed_bytes:
        raise InputError(
            Errors.E010, path=path,
            reason=f"archive inflates to {total} bytes (limit {limits.max_uncompressed_bytes}); a zip bomb?",
        )
    for info in infos:
        if info.filename.endswith((".xml", ".rels")) and info.file_size > limits.max_xml_part_bytes:
            raise InputError(
                Errors.E010, path=path,
                reason=f"part {info.filename} inflates to {info.file_size} bytes (limit {limits.max_xml_part_bytes})",
            )
        # Small parts may compress well beyond any ratio without costing anything.
        if info.file_size > 1_000_000 and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise InputError(
                Errors.E010, path=path,
                reason=f"part {info.filename} inflates {info.file_size // max(info.compress_size, 1)}-fold "
                f"(limit {limits.max_ratio:.0f}); a zip bomb?",
            )


def _numbering_part(document: docx.document.Document) -> etree._Element | None:
    try:
        return document.part.numbering_part.element
    except NotImplementedError:
        # python-docx raises this when the package has no numbering part.
        return None


def _style_numbering(styles: etree._Element) -> dict[str, tuple[str, int]]:
    """``numId`` and level that each paragraph style numbers with, inherited along ``basedOn``."""
    own: dict[str, tuple[str, int] | None] = {}
    based_on: dict[str, str] = {}
    for style in styles.iterfind(f"{_W}style"):
        style_id = style.get(f"{_W}styleId")
        num_pr = style.find(f"{_W}pPr/{_W}numPr")
        own[style_id] = _num_pr(num_pr) if num_pr is not None else None
        parent = style.find(f"{_W}basedOn")
        if parent is not None:
            based_on[style_id] = parent.get(f"{_W}val")
    resolved: dict[str, tuple[str, int]] = {}
    for style_id in own:
        current, seen = style_id, set()
        while current is not None and current not in seen:
            seen.add(current)
            if own.get(current) is not None:
                resolved[style_id] = own[current]
                break
            current = based_on.get(current)
    return resolved


def _num_pr(num_pr: etree._Element) -> tuple[str, int] | None:
    num_id = num_pr.find(f"{_W}numId")
    ilvl = num_pr.find(f"{_W}ilvl")
    if num_id is None:
        return None
    level = ilvl.get(f"{_W}val", "0") if ilvl is not None else "0"
    return num_id.get(f"{_W}val"), int(level) if level.isdigit() else 0


@dataclass
class _BodyReader:
    path: str
    numbering: Numbering
    style_numbering: dict[str, tuple[str, int]]
    limits: DocxLimits

    def blocks(self, container: etree._Element) -> Iterator[str | _Table]:
        """Paragraph texts and tables of a body (or content control) in order."""
        for child in container:
            if child.tag == f"{_W}p":
                yield from self.paragraph_text(child).split("\n")
            elif child.tag == f"{_W}tbl":
                yield self.table(child)
            elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
                yield from self.blocks(child)

    def paragraph_text(self, paragraph: etree._Element) -> str:
        # A w:br inside a paragraph is a real line break; tabs separate fields.
        text = "".join(_runs_text(paragraph)).replace("\t", " ")
        label = self.list_label(paragraph)
        # Inner runs of spaces stay: authors leave blanks for figures ("发布   条").
        lines = [line.strip() for line in text.split("\n")]
        if label and lines[0]:
            lines[0] = label + lines[0]
        return "\n".join(line for line in lines if line)

    def list_label(self, paragraph: etree._Element) -> str:
        num_pr = paragraph.find(f"{_W}pPr/{_W}numPr")
        numbered = _num_pr(num_pr) if num_pr is not None else None
        if numbered is None:
            style = paragraph.find(f"{_W}pPr/{_W}pStyle")
            numbered = self.style_numbering.get(style.get(f"{_W}val")) if style is not None else None
        if numbered is None or numbered[0] in (None, "0"):
            return ""
        return self.numbering.label(*numbered)

    def table(self, table: etree._Element) -> _Table:
        rows: list[list[str]] = []
        for tr in _children(table, f"{_W}tr"):
            if len(rows) >= self.limits.max_table_rows:
                raise InputError(
                    Errors.E010, path=self.path,
                    reason=f"a table has more than {self.limits.max_table_rows} rows",
                )
            rows.append(self.row(tr))
        grid = table.find(f"{_W}tblGrid")
        width = max([len(r) for r in rows] + [len(grid) if grid is not None else 0])
        return _Table(rows=[r + [""] * (width - len(r)) for r in rows], width=width)

    def row(self, tr: etree._Element) -> list[str]:
        cells: list[str] = [""] * _grid_count(tr, "gridBefore")
        for tc in _children(tr, f"{_W}tc"):
            span = _grid_count(tc, "gridSpan", default=1)
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            continues = merge is not None and merge.get(f"{_W}val", "continue") == "continue"
            text = "" if continues else cell_text(
                self.paragraph_text(p) for p in tc.iter(f"{_W}p")
            )
            cells.append(text)
            cells.extend([""] * (span - 1))
        return cells


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """``tag`` children, looking through content controls and custom XML wrappers."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            yield from _children(child, tag)


def _grid_count(element: etree._Element, name: str, *, default: int = 0) -> int:
    prop = f"{_W}trPr" if element.tag == f"{_W}tr" else f"{_W}tcPr"
    node = element.find(f"{prop}/{_W}{name}")
    value = node.get(f"{_W}val", "") if node is not None else ""
    # A crafted span must not blow a row up to millions of cells.
    return min(int(value), 64) if value.isdigit() else default


def _runs_text(element: etree._Element) -> Iterator[str]:
    for child in element:
        tag = child.tag
        if tag in _SKIPPED or not isinstance(tag, str):
            continue
        if tag == f"{_W}t":
            yield child.text or ""
        elif tag == f"{_W}tab":
            yield "\t"
        elif tag in (f"{_W}br", f"{_W}cr"):
            # Page and column breaks end nothing in the text.
            if child.get(f"{_W}type", "textWrapping") == "textWrapping":
                yield "\n"
        elif tag == f"{_W}noBreakHyphen":
            yield "-"
        elif tag in _TRANSPARENT:
            yield from _runs_text(child)


def _join_split_tables(blocks: Iterator[str | _Table]) -> Iterator[str | _Table]:
    """Join a table to the next one when only empty paragraphs stand between them
    and both have the same number of columns: one table split at a page break."""
    pending: _Table | None = None
    for block in blocks:
        if isinstance(block, _Table):
            if pending is not None and pending.width == block.width:
                pending.rows.extend(continuation_rows(pending.rows, block.rows))
            else:
                if pending is not None:
                    yield pending
                pending = block
        elif pending is not None and not block.strip():
            continue
        else:
            if pending is not None:
                yield pending
                pending = None
            yield block
    if pending is not None:
        yield pending

