"""Reports rendered as Word files and PDFs extract like their text twins.

Dev corpus excerpts of both editions are rendered with real tables (DOCX)
and ruled tables in a CJK font (PDF); the readers' text must give the same
canonical table cells as the text itself, and the same prose paragraphs.
"""
from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from pipeline.extract import analyse
from pipeline.ingest.docx import read_docx
from pipeline.ingest.pdf import read_pdf
from pipeline.ingest.source import SourceDocument

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "tables-dev.jsonl"
# Excerpts whose tables are laid out row by row (not cell per line), both
# editions, simplified and traditional script.
ENTRIES = ["dev-t048", "dev-t044", "dev-t036", "dev-t072", "dev-t043"]
FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
BODY = ParagraphStyle("body", fontName=FONT, fontSize=12, leading=20, firstLineIndent=24, wordWrap="CJK")
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10, wordWrap="CJK")

pytestmark = [pytest.mark.shared, pytest.mark.skipif(not CORPUS.exists(), reason="needs ../shared")]


def corpus_entry(entry_id: str) -> dict:
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry["id"] == entry_id:
            return entry
    raise LookupError(entry_id)


def blocks(text: str) -> list[str | list[list[str]]]:
    out: list[str | list[list[str]]] = []
    for line in text.splitlines():
        if "|" in line:
            cells = [cell.strip() for cell in line.rstrip().rstrip("|").split("|")]
            if out and isinstance(out[-1], list):
                out[-1].append(cells)
            else:
                out.append([cells])
        elif line.strip():
            out.append(line.strip())
    return out


def as_docx(parts) -> bytes:
    document = docx.Document()
    for part in parts:
        if isinstance(part, str):
            document.add_paragraph(part)
            continue
        table = document.add_table(rows=len(part), cols=max(len(row) for row in part))
        for r, row in enumerate(part):
            for c, value in enumerate(row):
                if value:
                    table.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def as_pdf(parts) -> bytes:
    story = []
    for part in parts:
        if isinstance(part, str):
            story.append(Paragraph(part, BODY))
            continue
        width = max(len(row) for row in part)
        data = [[Paragraph(cell, CELL) if cell else "" for cell in row + [""] * (width - len(row))] for row in part]
        # Narrow value columns wrap headers such as 社会公益组织 one or two characters a line.
        widths = [A4[0] - 144 - 35 * (width - 1)] + [35] * (width - 1) if width > 2 else None
        table = Table(data, colWidths=widths)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
        story.append(table)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=72, rightMargin=72, topMargin=72, bottomMargin=72).build(story)
    return buffer.getvalue()


def prose(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if "|" not in line and line.strip()]


@pytest.fixture(scope="module", params=ENTRIES)
def entry(request) -> dict:
    return corpus_entry(request.param)


@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_rendered_report_extracts_the_tables_of_its_text_twin(entry, form):
    parts = blocks(entry["text"])
    source = read_docx("r.docx", as_docx(parts)) if form == "docx" else read_pdf("r.pdf", as_pdf(parts))
    twin = analyse(SourceDocument(path="r.txt", text=entry["text"], form="txt"))
    rendered = analyse(source)
    # Padding cells of a row the excerpt cut short read as blank (None); the twin lacks them.
    assert {k: v for k, v in rendered.tables.items() if v is not None} == {k: v for k, v in twin.tables.items() if v is not None}
    assert {key: rendered.tables.get(key) for key in entry["tables"]} == entry["tables"]
    assert [c.rule for c in rendered.checks if c.status == "fail"] == [c.rule for c in twin.checks if c.status == "fail"]


@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_rendered_report_has_the_paragraphs_of_its_text_twin(entry, form):
    parts = blocks(entry["text"])
    source = read_docx("r.docx", as_docx(parts)) if form == "docx" else read_pdf("r.pdf", as_pdf(parts))
    assert prose(source.text) == [part for part in parts if isinstance(part, str)]
