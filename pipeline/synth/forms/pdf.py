"""PDFs as a word processor prints them: a CJK font, ruled tables, page numbers.

Text is set in reportlab's built-in CID font ``STSong-Light`` (the Adobe
Song face every PDF viewer carries), so the text layer maps back to Unicode.
Tables are drawn with ruling lines; merged cells are spans.  The column of
``三、本年度办理结果`` is one character wide, so that label and other long
labels in it run down one character per line.

Layouts: ``flowing`` (tables fall where the text leaves them; value columns
wide enough for two characters a line) and ``page_break`` (the
longest table is pushed down so that it crosses a page break, its header
rows sometimes repeated; value columns so narrow that their headers stand
one character per line).
"""
from __future__ import annotations

import io
from functools import cache
from random import Random
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Flowable, SimpleDocTemplate
from reportlab.platypus import Paragraph as Para
from reportlab.platypus import Table as Grid

from ..model import Document, Heading, MetaBlock, Paragraph, Rendering, Signature, Table, Title

LAYOUTS = ("flowing", "page_break")
FONT = "STSong-Light"
FOOTERS = ("— {} —", "- {} -", "第{}页")
CELL_SIZE = 9
CELL_PADDING = 3
# The line breaker hangs closing punctuation past a line's end; right padding
# of a character keeps it inside its own cell.
HANG_PADDING = CELL_SIZE + 1


@cache
def _font() -> str:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


class _PushDown(Flowable):
    """Blank space that leaves exactly ``keep`` points of a page for what follows."""

    def __init__(self, keep: float) -> None:
        super().__init__()
        self.keep = keep

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # With less room left than ``keep``, it does not fit, so it moves to the next page and leaves ``keep`` there.
        self.height = avail_height - self.keep if avail_height >= self.keep else avail_height + 1
        return avail_width, self.height

    def draw(self) -> None:
        pass


def render(document: Document, rng: Random, *, layout: str, encoding: str) -> Rendering:
    font = _font()
    size = rng.choice((10.5, 12))
    margin = rng.uniform(60, 80)
    width = A4[0] - 2 * margin
    body = ParagraphStyle("body", fontName=font, fontSize=size, leading=size * 1.6,
                          firstLineIndent=2 * size, wordWrap="CJK")
    plain = ParagraphStyle("plain", body, firstLineIndent=0)
    styles = {
        "title": ParagraphStyle("title", plain, fontSize=size + 6, leading=(size + 6) * 1.5, alignment=TA_CENTER,
                                spaceAfter=size),
        "heading": plain,
        "right": ParagraphStyle("right", plain, alignment=TA_RIGHT),
        "cell": ParagraphStyle("cell", plain, fontSize=CELL_SIZE, leading=CELL_SIZE + 2),
    }
    narrow = layout == "page_break"
    tables = [b for b in document.blocks if isinstance(b, Table)]
    longest = max(tables, key=lambda t: len(t.rows), default=None)
    story: list[Flowable] = []
    for block in document.blocks:
        if isinstance(block, Title):
            story.append(_para(block.text, styles["title"]))
        elif isinstance(block, MetaBlock):
            story.extend(_meta(block, styles, width))
        elif isinstance(block, Heading):
            story.append(_para(block.text, body if block.level > 1 else styles["heading"]))
        elif isinstance(block, Paragraph):
            story.append(_para(block.text, body))
        elif isinstance(block, Table):
            grid = _grid(block, styles["cell"], width, narrow=narrow,
                         repeat=narrow and block is longest and rng.random() < 0.5)
            if narrow and block is longest:
                grid.wrap(width, A4[1])  # lays out the rows; reportlab keeps their heights in _rowHeights
                above = {cut: sum(grid._rowHeights[:cut]) for cut in block.cuts()}
                fitting = [cut for cut, height in above.items() if height < 0.8 * (A4[1] - 2 * margin)]
                if fitting:
                    # leave room for the rows above a cut, so that the page break falls there
                    story.append(_PushDown(above[rng.choice(fitting)] + 1))
            story.append(grid)
        elif isinstance(block, Signature):
            story.extend(_para(line, styles["right"]) for line in (block.agency, block.date))
    footer = rng.choice(FOOTERS)

    def number_page(canvas, template) -> None:
        canvas.setFont(font, 9)
        canvas.drawCentredString(A4[0] / 2, margin / 2, footer.format(template.page))

    title = next((b.text for b in document.blocks if isinstance(b, Title)), "")
    buffer = io.BytesIO()
    # invariant: no creation time or random file id, so a seed gives the same bytes
    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                      bottomMargin=margin, title=title, author=document.agency, invariant=True,
                      ).build(story, onFirstPage=number_page, onLaterPages=number_page)
    return Rendering("", layout, content=buffer.getvalue())


def _para(text: str, style: ParagraphStyle) -> Para:
    return Para(escape(text), style)


def _meta(block: MetaBlock, styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    if block.style == "colon":
        return [_para(f"{label}{value}", styles["heading"]) for label, value in block.fields]
    pairs = [block.fields[i:i + 2] for i in range(0, len(block.fields), 2)]
    rows = [[_para(t, styles["cell"]) for pair in p for t in pair] + [""] * (4 - 2 * len(p)) for p in pairs]
    return [Grid(rows, colWidths=[width * w for w in (0.15, 0.35, 0.15, 0.35)],
                 style=[("GRID", (0, 0), (-1, -1), 0.5, "black")])]


def _grid(table: Table, style: ParagraphStyle, width: float, *, narrow: bool, repeat: bool) -> Grid:
    data: list[list[Flowable | str]] = [[""] * table.width for _ in table.rows]
    commands = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("RIGHTPADDING", (0, 0), (-1, -1), HANG_PADDING),
                *((side, (0, 0), (-1, -1), CELL_PADDING) for side in ("LEFTPADDING", "TOPPADDING", "BOTTOMPADDING"))]
    for r, c, cell in table.placements():
        data[r][c] = _para(cell.text, style) if cell.text else ""
        if cell.rowspan > 1 or cell.colspan > 1:
            commands.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
    return Grid(data, colWidths=_widths(table, style.fontSize, width, narrow=narrow), style=commands,
                repeatRows=table.lead if repeat else 0)


def _widths(table: Table, char: float, width: float, *, narrow: bool) -> list[float]:
    """Label columns first, then equal value columns.  A value column of 1.5
    characters sets its headers one character per line; one of 2.5 characters
    wraps them after two.  The sub-label column keeps eight characters a line,
    so that the block of rows under 三、本年度办理结果 (which a page break
    cannot split) fits on one page."""
    padding = CELL_PADDING + HANG_PADDING
    value = char * (1.5 if narrow else 2.5) + padding
    if table.name == "applications":
        labels = [char * 1.2 + padding, char * 4 + padding]
        room = width - sum(labels) - (char * 8 + padding)
        values = [min(value, room / (table.width - 3))] * (table.width - 3)
        return [*labels, width - sum(labels) - sum(values), *values]
    if table.name == "review":
        return [min(value, width / table.width)] * table.width
    return [width * 0.4] + [width * 0.6 / (table.width - 1)] * (table.width - 1)
