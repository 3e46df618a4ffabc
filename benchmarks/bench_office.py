"""Speed, memory and table accuracy of the DOCX and PDF readers.

The dev table corpus (``../shared/corpora/tables-dev.jsonl``) is rendered as
Word files (real tables) and PDFs (STSong-Light, ruled tables), then read
back.  Reported per form: pages per second, peak memory of a child process
that reads every file, and the share of expected table cells that
``gongkai extract`` recovers.  For PDFs the same measures are taken for
pypdfium2's plain text, the faster engine without a table finder, which is
why the reader lays out pages with pdfplumber.

    .venv/bin/python benchmarks/bench_office.py [--corpus PATH] [--out PATH]
"""
from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import resource
import time
import tracemalloc
from pathlib import Path

import docx
import pypdfium2
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from pipeline.extract import analyse
from pipeline.ingest.docx import read_docx
from pipeline.ingest.pdf import read_pdf
from pipeline.ingest.source import SourceDocument

ROOT = Path(__file__).resolve().parents[1]
FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
BODY = ParagraphStyle("body", fontName=FONT, fontSize=12, leading=20, firstLineIndent=24, wordWrap="CJK")
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10, wordWrap="CJK")


def blocks(text: str) -> list[str | list[list[str]]]:
    """Prose lines and tables (runs of pipe rows) of a corpus text."""
    out: list[str | list[list[str]]] = []
    for line in text.splitlines():
        if "|" in line:
            cells = [c.strip() for c in line.rstrip().rstrip("|").split("|")]
            if out and isinstance(out[-1], list):
                out[-1].append(cells)
            else:
                out.append([cells])
        elif line.strip():
            out.append(line.strip())
    return out


def as_docx(parts: list[str | list[list[str]]]) -> bytes:
    document = docx.Document()
    for part in parts:
        if isinstance(part, str):
            document.add_paragraph(part)
            continue
        width = max(len(row) for row in part)
        table = document.add_table(rows=len(part), cols=width)
        for r, row in enumerate(part):
            for c, value in enumerate(row):
                if value:
                    table.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def as_pdf(parts: list[str | list[list[str]]]) -> bytes:
    story = []
    for part in parts:
        if isinstance(part, str):
            story.append(Paragraph(part, BODY))
            continue
        width = max(len(row) for row in part)
        data = [[Paragraph(cell, CELL) if cell else "" for cell in row + [""] * (width - len(row))] for row in part]
        table = Table(data, colWidths=[A4[0] - 144 - 35 * (width - 1)] + [35] * (width - 1) if width > 2 else None)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
        story.append(table)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=72, rightMargin=72, topMargin=72, bottomMargin=72).build(story)
    return buffer.getvalue()


def pdfium_text(path: str, data: bytes) -> SourceDocument:
    document = pypdfium2.PdfDocument(data)
    try:
        text = "\n".join(document[i].get_textpage().get_text_range().replace("\r\n", "\n") for i in range(len(document)))
        return SourceDocument(path=path, text=text, form="pdf", pages=len(document))
    finally:
        document.close()


def text_twin(path: str, data: bytes) -> SourceDocument:
    return SourceDocument(path=path, text=data.decode("utf-8"), form="txt")


# The text twin is the ceiling: cells it misses are the renderer's (excerpts
# scraped one cell per line become one-cell rows), not a reader's.
READERS = {"txt": text_twin, "docx": read_docx, "pdf": read_pdf, "pdf-pypdfium2-text": pdfium_text}


def _measure(queue, reader_name: str, files: list[tuple[str, bytes, dict[str, float], int]]) -> None:
    reader = READERS[reader_name]
    baseline_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    seconds = 0.0
    expected = recovered = 0
    for name, data, tables, _ in files:
        started = time.perf_counter()
        source = reader(name, data)
        seconds += time.perf_counter() - started
        got = analyse(source).tables
        expected += len(tables)
        recovered += sum(1 for key, value in tables.items() if got.get(key) == value)
    python_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    pages = sum(pages for *_, pages in files)
    queue.put({
        "files": len(files),
        "pages": pages,
        "seconds": round(seconds, 3),
        "pages_per_second": round(pages / seconds, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "rss_at_start_mb": round(baseline_kb / 1024, 1),
        "python_heap_peak_mb": round(python_peak / 2**20, 1),
        "table_cells_expected": expected,
        "table_cells_recovered": recovered,
        "table_cell_accuracy": round(recovered / expected, 4) if expected else None,
    })


def measure(reader_name: str, files: list[tuple[str, bytes, dict[str, float], int]]) -> dict:
    """One reader over all files in a fresh child, so peak memory is its own."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=_measure, args=(queue, reader_name, files))
    process.start()
    result = queue.get()
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "tables-dev.jsonl")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "office.json")
    parser.add_argument("--long-copies", type=int, default=20, help="entries concatenated into the long document")
    args = parser.parse_args()

    entries = [json.loads(line) for line in args.corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    pdf_files, docx_files, txt_files = [], [], []
    for entry in entries:
        parts = blocks(entry["text"])
        pdf = as_pdf(parts)
        pages = len(pypdfium2.PdfDocument(pdf))
        pdf_files.append((entry["id"] + ".pdf", pdf, entry["tables"], pages))
        # A Word file has no pages of its own; its PDF twin's count stands in.
        docx_files.append((entry["id"] + ".docx", as_docx(parts), entry["tables"], pages))
        txt_files.append((entry["id"] + ".txt", entry["text"].encode("utf-8"), entry["tables"], pages))

    long_parts = [part for entry in entries[: args.long_copies] for part in blocks(entry["text"])]
    long_pdf = as_pdf(long_parts)
    long_pages = len(pypdfium2.PdfDocument(long_pdf))
    long_files = {
        "pdf": [("long.pdf", long_pdf, {}, long_pages)],
        "docx": [("long.docx", as_docx(long_parts), {}, long_pages)],
    }

    results = {
        "corpus": str(args.corpus.name),
        "documents": len(entries),
        "per_report": {
            name: measure(name, {"txt": txt_files, "docx": docx_files}.get(name, pdf_files)) for name in READERS
        },
        "long_document": {name: measure(name, files) for name, files in long_files.items()},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
