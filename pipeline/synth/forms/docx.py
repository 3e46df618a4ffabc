"""Word files: paragraphs and real tables, merged cells as Word merges them.

Layouts: ``whole_tables`` (each table one Word table) and ``split_tables``
(the longest table cut in two at a page break, the second part repeating the
header rows, as authors do when a table will not fit).  Rowspans become
``vMerge`` runs, colspans ``gridSpan``; narrow header cells are set with
vertical text direction.  In some files the 一、 and (一) of headings are
Word's automatic list numbers, kept out of the paragraph text.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from random import Random

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from ..model import Document, Heading, MetaBlock, Paragraph, Rendering, Signature, Table, Title
from ..prose import ORDINALS

LAYOUTS = ("whole_tables", "split_tables")
FONTS = ("宋体", "仿宋_GB2312", "仿宋")
# Zip entries carry the time they were written; a fixed one keeps a seed's corpus byte-identical.
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
HEADING_LIST = "90"  # numId (and abstractNumId) of the heading list, clear of the template's own


def render(document: Document, rng: Random, *, layout: str, encoding: str) -> Rendering:
    word = docx.Document()
    size = rng.choice((12, 14, 16))
    _body_font(word, rng.choice(FONTS), size)
    heading_style = rng.choice(("bold", "styled"))
    numbering = _HeadingNumbers(word, document) if rng.random() < 0.5 else None
    longest = max((b for b in document.blocks if isinstance(b, Table)), key=lambda t: len(t.rows), default=None)
    for block in document.blocks:
        if isinstance(block, Title):
            _paragraph(word, block.text, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=size + 6)
        elif isinstance(block, MetaBlock):
            _meta(word, block)
        elif isinstance(block, Heading):
            label = numbering.next_label(block) if numbering else None
            text = block.text[len(label):] if label else block.text
            if heading_style == "styled":
                paragraph = word.add_paragraph(text, style=f"Heading {block.level}")
            else:
                paragraph = _paragraph(word, text, bold=True, indent=2 * size * (block.level - 1))
            if label:
                numbering.number(paragraph, block.level)
        elif isinstance(block, Paragraph):
            _paragraph(word, block.text, indent=2 * size)
        elif isinstance(block, Table):
            if layout == "split_tables" and block is longest:
                _split_table(word, rng, block)
            else:
                _table(word, block)
        elif isinstance(block, Signature):
            for line in (block.agency, block.date):
                _paragraph(word, line, align=WD_ALIGN_PARAGRAPH.RIGHT)
    word.core_properties.title = next((b.text for b in document.blocks if isinstance(b, Title)), "")
    word.core_properties.author = document.agency
    buffer = io.BytesIO()
    word.save(buffer)
    return Rendering("", layout, content=_fixed_times(buffer.getvalue()))


def _body_font(word: docx.document.Document, name: str, size: int) -> None:
    style = word.styles["Normal"]
    style.font.name = name
    style.font.size = Pt(size)
    # Word picks the font for Chinese characters from the eastAsia slot, not from name.
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


class _HeadingNumbers:
    """A two-level list (一、 then (一)) for headings, counting as Word counts."""

    def __init__(self, word: docx.document.Document, document: Document) -> None:
        second = next((b.text[0] for b in document.blocks if isinstance(b, Heading) and b.level == 2), "(")
        close = "）" if second == "（" else ")"
        levels = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>'
            for i, text in enumerate(("%1、", f"{second}%2{close}")))
        part = word.part.numbering_part.element
        # abstractNum elements come before num elements
        part.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{HEADING_LIST}">'
                                 f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'))
        part.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{HEADING_LIST}">'
                              f'<w:abstractNumId w:val="{HEADING_LIST}"/></w:num>'))
        self.labels = {1: "{}、", 2: second + "{}" + close}
        self.counts = {1: 0, 2: 0}

    def next_label(self, heading: Heading) -> str | None:
        """The label Word would give this heading, if its text starts with it."""
        pattern = self.labels.get(heading.level)
        if pattern is None or self.counts[heading.level] >= len(ORDINALS):
            return None
        label = pattern.format(ORDINALS[self.counts[heading.level]])
        return label if heading.text.startswith(label) else None

    def number(self, paragraph, level: int) -> None:
        self.counts[level] += 1
        if level == 1:
            self.counts[2] = 0  # a new part restarts its (一)
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level - 1
        num_pr.get_or_add_numId().val = int(HEADING_LIST)


def _paragraph(word, text: str, *, align=None, bold: bool = False, size: int | None = None, indent: int = 0):
    paragraph = word.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold or None
    if size:
        run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(indent)
    return paragraph


def _meta(word, block: MetaBlock) -> None:
    if block.style == "colon":
        for label, value in block.fields:
            _paragraph(word, f"{label}{value}")
        return
    pairs = [block.fields[i:i + 2] for i in range(0, len(block.fields), 2)]
    grid = word.add_table(rows=len(pairs), cols=4)
    for r, pair in enumerate(pairs):
        for i, (label, value) in enumerate(pair):
            grid.cell(r, 2 * i).text = label
            grid.cell(r, 2 * i + 1).text = value


def _table(word, table: Table) -> None:
    grid = word.add_table(rows=len(table.rows), cols=table.width)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, c, cell in table.placements():
        target = grid.cell(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(grid.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        target.text = cell.text
        if cell.header:
            target.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        if cell.text in table.vertical_headers:
            direction = OxmlElement("w:textDirection")
            direction.set(qn("w:val"), "tbRlV")
            target._tc.get_or_add_tcPr().append(direction)


def _split_table(word, rng: Random, table: Table) -> None:
    """The table as two Word tables on two pages, cut where no rowspan crosses."""
    cuts = table.cuts()
    if not cuts:
        _table(word, table)
        return
    cut = rng.choice(cuts)
    _table(word, replace(table, rows=table.rows[:cut]))
    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _table(word, replace(table, rows=table.rows[:table.lead] + table.rows[cut:]))


def _fixed_times(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(zipfile.ZipInfo(info.filename, date_time=ZIP_TIME), source.read(info.filename),
                            compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
