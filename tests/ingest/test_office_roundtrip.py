"""The DOCX and PDF readers lay a report out as its text twin reads.

Synthetic reports of every edition are written as Word files (merged cells,
a table split at a page break) and PDFs (ruled tables, one crossing a page
break, vertical labels, page numbers) and read back; the same report as
plain text in pipe rows is the twin.  A reader must give the twin's table
rows (merged cells as the empty cells they cover) and its prose lines.
"""
from __future__ import annotations

import io
import re
from functools import cache

import pdfplumber
import pytest

from pipeline.ingest.docx import read_docx
from pipeline.ingest.pdf import read_pdf
from pipeline.synth import generate
from pipeline.synth.corpus import combinations, report_at

SEED = 17
FORMS = ("docx", "pdf")
READERS = {"docx": read_docx, "pdf": read_pdf}


@cache
def reports() -> list[tuple[object, object]]:
    """(report, text twin), one for each edition × form × layout."""
    out = []
    for index, report in enumerate(generate(len(combinations(FORMS)), seed=SEED, forms=FORMS)):
        twin = report_at(index, seed=SEED, edition=report.expected["meta"]["edition"], form="txt", layout="pipe_rows")
        out.append((report, twin))
    return out


@cache
def read(name: str) -> str:
    report = next(r for r, _ in reports() if r.name == name)
    return READERS[report.form](report.filename, report.content).text


def table_rows(text: str) -> list[list[str]]:
    """Pipe rows as their filled cells (a merged cell's empty cover cells aside), spaces in them dropped."""
    return [[re.sub(r"\s+", "", c) for c in line.split("|") if c.strip()] for line in text.splitlines() if "|" in line]


def prose_lines(text: str) -> list[str]:
    return [re.sub(r"\s+", "", line) for line in text.splitlines() if "|" not in line and line.strip()]


def cases():
    return [pytest.param(r.name, id=f"{r.form}-{r.expected['meta']['edition']}-{r.expected['layout']}")
            for r, _ in reports()]


@pytest.mark.parametrize("name", cases())
def test_reader_gives_the_table_rows_of_the_text_twin(name):
    twin = next(t for r, t in reports() if r.name == name)
    rows = table_rows(read(name))
    assert rows == table_rows(twin.text)
    if twin.expected["tables"]:
        assert len(rows) > 40  # the three standard tables, not just the metadata box


@pytest.mark.parametrize("name", cases())
def test_reader_gives_the_prose_lines_of_the_text_twin(name):
    twin = next(t for r, t in reports() if r.name == name)
    assert prose_lines(read(name)) == prose_lines(twin.text)


def test_pdfs_read_above_cross_page_breaks_and_set_labels_one_character_a_line():
    """The layouts these tests rely on do occur: the applications table starts
    on one page and ends on a later one, its results label runs down its column."""
    crossing = vertical = False
    for report, _ in reports():
        if report.form != "pdf" or not report.expected["tables"]:
            continue
        pages = _pdf_table_cells(report.content)
        starts = min(i for i, cells in enumerate(pages) if any("申请人情况" in c for c in cells))
        ends = max(i for i, cells in enumerate(pages) if any(c.startswith("四、结转") for c in cells))
        crossing |= ends > starts
        vertical |= any("本\n年\n度" in c for cells in pages for c in cells)
    assert crossing and vertical


def _pdf_table_cells(data: bytes) -> list[list[str]]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [[c or "" for table in page.extract_tables() for row in table for c in row] for page in pdf.pages]
