"""PDF reports with a text layer to text: paragraphs re-joined, tables as pipe rows.

pypdfium2 opens the file first: it is fast, so it refuses encrypted files,
counts pages against the limit and finds scanned files (no characters on
any page) before the slow layout pass.  pdfplumber then lays out each page:
it keeps the glyph geometry and ruling lines that table cells and paragraph
breaks are found from (pypdfium2 alone has no table finder).

Per page: fake-bold duplicate glyphs are dropped, tables are found from
their ruling lines and read cell by cell on the grid (a merged cell is
followed by empty cells for the columns or rows it spans), the remaining
lines are ordered top to bottom.  Across pages: running headers, footers and
page numbers are dropped, wrapped lines are re-joined into paragraphs (also
across page breaks) and a table continued on the next page is joined to its
first part without the header rows it repeats.
"""
from __future__ import annotations

import io
import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass

import pdfplumber
import pypdfium2
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

from pipeline.errors import Errors, InputError, UnprocessableInput
from pipeline.ingest.cjk_text import cell_text, join_wrapped, squeeze_letter_spacing
from pipeline.ingest.source import SourceDocument, table_row_line
from pipeline.ingest.table_join import continuation_rows


@dataclass(frozen=True)
class PdfLimits:
    """Bounds on what one PDF may cost to read."""

    max_bytes: int = 100_000_000
    max_pages: int = 2_000
    max_seconds: float = 300.0
    max_table_rows: int = 5_000


# A line in the top or bottom band of a page is a header or footer if it is
# a page number or recurs (digits aside) on this share of the pages.
MARGIN_BAND = 0.1
RUNNING_SHARE = 0.5
PAGE_NUMBER = re.compile(
    r"^[-—–－\s]*(第\s*)?\d+\s*(页)?\s*([/／]\s*\d+|共\s*\d+\s*页)?[-—–－\s]*$"
    r"|^[-—–－\s]*[A-Za-z]*\s*\d+\s*(of|/)\s*\d+\s*$",
)
# Markers that open a paragraph: 一、 (一) 1. ① 一是 第一章.
HEADING_MARKER = re.compile(
    r"^(第[一二三四五六七八九十百]+[章节部分条]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d+[、.．](?!\d)|[①-⑳]|[一二三四五六七八九十]+是)"
)
# 一是/二是 clauses mostly run on inside a paragraph, so a wrapped line often starts with one.
INLINE_CLAUSE = re.compile(r"^[一二三四五六七八九十]+是")
SENTENCE_END = "。！？；：!?;:"
# What a line breaker will not split: a Latin word, number, e-mail address
# or URL; else one character with the closing punctuation that must follow it.
_LEADING_UNIT = re.compile(r"[\x21-\x7e\u00c0-\u024f]+|.[，。、；：？！）》」』”’,.;:?!)\]]*")


@dataclass(frozen=True)
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class _Table:
    rows: list[list[str]]
    top: float

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class _Page:
    blocks: list[_Line | _Table]
    height: float


def read_pdf(path: str, data: bytes, *, limits: PdfLimits = PdfLimits()) -> SourceDocument:
    """Read a PDF's bytes into a :class:`SourceDocument`.

    Raises :class:`InputError` (E008 too large, E011 unreadable, encrypted
    or too many pages, E014 over the time limit) and
    :class:`UnprocessableInput` (E012, ``needs_ocr``: no text layer).
    """
    if len(data) > limits.max_bytes:
        raise InputError(Errors.E008, path=path, size=len(data), limit=limits.max_bytes)
    started = time.monotonic()
    page_count = _precheck(path, data, limits)
    pages: list[_Page] = []
    rows_seen = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                if time.monotonic() - started > limits.max_seconds:
                    raise InputError(Errors.E014, path=path, seconds=limits.max_seconds)
                laid_out = _layout(page)
                rows_seen += sum(len(b.rows) for b in laid_out.blocks if isinstance(b, _Table))
                if rows_seen > limits.max_table_rows:
                    raise InputError(
                        Errors.E011, path=path, reason=f"tables have more than {limits.max_table_rows} rows"
                    )
                pages.append(laid_out)
                # pdfplumber caches every parsed object per page; free them as we go.
                page.close()
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as e:
        raise InputError(Errors.E011, path=path, reason=f"layout failed ({type(e).__name__}: {e})") from e
    _drop_running_lines(pages)
    text = "\n".join(_assemble(pages))
    return SourceDocument(path=path, text=text + "\n" if text else "", form="pdf", pages=page_count)


def _precheck(path: str, data: bytes, limits: PdfLimits) -> int:
    """Page count, after refusing encrypted, oversized and text-less files."""
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as e:
        if "password" in str(e).lower():
            raise InputError(Errors.E011, path=path, reason="the file is encrypted with a password") from e
        raise InputError(Errors.E011, path=path, reason=str(e)) from e
    try:
        page_count = len(document)
        if page_count > limits.max_pages:
            raise InputError(Errors.E011, path=path, reason=f"{page_count} pages (limit {limits.max_pages})")
        if page_count == 0:
            raise InputError(Errors.E011, path=path, reason="the document has no pages")
        if not any(_has_text(document, index) for index in range(page_count)):
            raise UnprocessableInput(Errors.E012, status="needs_ocr", path=path)
    finally:
        document.close()
    return page_count


def _has_text(document: pypdfium2.PdfDocument, index: int) -> bool:
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            return bool(textpage.get_text_range().strip())
        finally:
            textpage.close()
    finally:
        page.close()


def _layout(page: pdfplumber.page.Page) -> _Page:
    page = page.dedupe_chars(tolerance=1)
    found = page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
    tables = [
        _Table(rows=[[cell_text([cell]) if cell else "" for cell in row] for row in table.extract()], top=table.bbox[1])
        for table in found
    ]
    boxes = [table.bbox for table in found]

    def outside_tables(obj: dict) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    prose = page.filter(outside_tables) if boxes else page
    lines = [
        _Line(squeeze_letter_spacing(line["text"]), line["x0"], line["x1"], line["top"], line["bottom"])
        for line in prose.extract_text_lines(strip=True, return_chars=False)
        if line["text"].strip()
    ]
    blocks: list[_Line | _Table] = [*lines, *tables]
    blocks.sort(key=lambda b: b.top)
    return _Page(blocks=blocks, height=float(page.height))


def _running_key(line: _Line) -> str:
    return re.sub(r"\d+", "#", line.text.replace(" ", ""))


def _drop_running_lines(pages: list[_Page]) -> None:
    """Remove page numbers, running headers and footers from every page."""

    def in_margin(line: _Line, page: _Page) -> bool:
        return line.bottom < page.height * MARGIN_BAND or line.top > page.height * (1 - MARGIN_BAND)

    recurring = Counter(
        key
        for page in pages
        for key in {_running_key(b) for b in page.blocks if isinstance(b, _Line) and in_margin(b, page)}
    )
    threshold = max(2, RUNNING_SHARE * len(pages))
    for page in pages:
        page.blocks = [
            b for b in page.blocks
            if not (
                isinstance(b, _Line)
                and in_margin(b, page)
                and (PAGE_NUMBER.match(b.text) or recurring[_running_key(b)] >= threshold)
            )
        ]


def _assemble(pages: list[_Page]) -> list[str]:
    """Output lines: paragraphs re-joined across wraps and pages, tables joined across pages."""
    lines = [b for page in pages for b in page.blocks if isinstance(b, _Line)]
    if lines:
        char = statistics.median(b.bottom - b.top for b in lines)
        left = _body_left(lines)
        # Not the rightmost edge: closing punctuation may hang into the margin.
        right = max(statistics.quantiles([b.x1 for b in lines], n=4)[-1] if len(lines) > 1 else lines[0].x1, left)
        indented = _indents_paragraphs(lines, left, char)
    out: list[str] = []
    paragraph: list[str] = []
    previous: _Line | None = None
    table: _Table | None = None

    def flush_paragraph() -> None:
        if paragraph:
            out.append(join_wrapped(paragraph))
            paragraph.clear()

    def flush_table() -> None:
        nonlocal table
        if table is not None:
            out.extend(table_row_line(row + [""] * (table.width - len(row))) for row in table.rows)
            table = None

    for block in (b for page in pages for b in page.blocks):
        if isinstance(block, _Table):
            flush_paragraph()
            previous = None
            rest = continuation_rows(table.rows, block.rows) if table is not None else block.rows
            # Repeated header rows mark a continuation even where its parts differ in columns.
            if table is not None and (table.width == block.width or len(rest) < len(block.rows)):
                table.rows.extend(rest)
            else:
                flush_table()
                table = _Table(rows=list(block.rows), top=block.top)
            continue
        flush_table()
        if previous is None or _starts_paragraph(block, previous, left=left, right=right, char=char,
                                                 indented=indented):
            flush_paragraph()
        paragraph.append(block.text)
        previous = block
    flush_paragraph()
    flush_table()
    return out


def _leading_unit_width(text: str, char: float) -> float:
    """Estimated width of the unbreakable start of a line (Latin glyphs about half a Chinese one)."""
    unit = _LEADING_UNIT.match(text)
    return sum(0.6 * char if c.isascii() else char for c in unit.group()) if unit else char


def _body_left(lines: list[_Line]) -> float:
    """The left edge of body text: the leftmost edge that several lines share.

    Not the most common edge: in a report of one-line paragraphs most lines
    are first lines, indented.
    """
    edges = Counter(round(b.x0) for b in lines)
    shared = [edge for edge, count in edges.items() if count >= 2]
    return min(shared or edges)


def _indents_paragraphs(lines: list[_Line], left: float, char: float) -> bool:
    """Whether paragraphs open with a first-line indent of about two characters."""
    return sum(1 for b in lines if 1.5 * char < b.x0 - left < 2.5 * char) >= 3


def _continues_centred(line: _Line, previous: _Line, *, left: float, right: float, char: float) -> bool:
    """The second line of a centred title too long for one line: the first
    spans the text width, this one is centred under it in the same type size,
    larger than the body's."""
    size = previous.bottom - previous.top
    return (size > 1.1 * char and previous.x0 < left + size and previous.x1 > right - size
            and abs((line.x0 + line.x1) / 2 - (left + right) / 2) < size / 2
            and abs(line.bottom - line.top - size) < 0.1 * size and line.top - previous.bottom < size)


def _starts_paragraph(line: _Line, previous: _Line, *, left: float, right: float, char: float,
                      indented: bool) -> bool:
    # The previous line was wrapped if what this line starts with would not
    # have fitted in the room it left: a Latin word or number, or a
    # character with the punctuation that may not start a line.
    previous_full = right - previous.x1 < _leading_unit_width(line.text, char) + char
    if _continues_centred(line, previous, left=left, right=right, char=char):
        return False
    if line.x0 > left + 0.8 * char:
        return True
    if not previous_full:
        return True
    # Where paragraphs are indented, an unindented 二是 after a full line is a wrapped line.
    if (HEADING_MARKER.match(line.text) and previous.text[-1:] in SENTENCE_END
            and not (indented and INLINE_CLAUSE.match(line.text))):
        return True
    # A wide gap on the same page separates paragraphs set without indents.
    gap = line.top - previous.bottom
    return gap > 1.2 * char

