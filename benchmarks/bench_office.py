"""Speed, memory and table accuracy of the DOCX and PDF readers on synthetic reports.

``gongkai synth`` writes reports of every edition as Word files and PDFs
(``pipeline.synth.forms.docx``/``pdf``); each is read back and analysed.
Reported per reader: pages per second (reading only), peak RSS of a child
process that reads every file, the share of expected table cells recovered
and of reports whose checks come out as expected.  For PDFs the same is
measured for pypdfium2's plain text, the faster engine without a table
finder, which is why the reader lays out pages with pdfplumber.  A long
document (reports concatenated) shows how memory grows with length.

    .venv/bin/python benchmarks/bench_office.py [--reports N] [--long-copies N] [--out PATH]
"""
from __future__ import annotations

import argparse
import copy
import io
import json
import multiprocessing
import resource
import time
from pathlib import Path

import docx
import pypdfium2

from pipeline.extract import analyse
from pipeline.ingest.docx import read_docx
from pipeline.ingest.pdf import read_pdf
from pipeline.ingest.source import SourceDocument
from pipeline.synth import generate
from pipeline.synth.corpus import report_at

ROOT = Path(__file__).resolve().parents[1]
SEED = 0


def pdfium_text(path: str, data: bytes) -> SourceDocument:
    document = pypdfium2.PdfDocument(data)
    try:
        text = "\n".join(document[i].get_textpage().get_text_range().replace("\r\n", "\n") for i in range(len(document)))
        return SourceDocument(path=path, text=text, form="pdf", pages=len(document))
    finally:
        document.close()


READERS = {"docx": read_docx, "pdf": read_pdf, "pdf-pypdfium2-text": pdfium_text}
File = tuple[str, bytes, dict | None, int]  # name, content, expected output (None: not scored), pages


def _measure(queue, reader_name: str, files: list[File]) -> None:
    reader = READERS[reader_name]
    # No tracemalloc here: it slows pdfminer's many small allocations tenfold.
    baseline_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    seconds = 0.0
    expected_cells = recovered = checks_right = scored = 0
    for name, data, expected, _ in files:
        started = time.perf_counter()
        source = reader(name, data)
        seconds += time.perf_counter() - started
        if expected is None:
            continue
        report = analyse(source)
        scored += 1
        tables = expected["tables"]
        expected_cells += len(tables)
        recovered += sum(1 for key, value in tables.items() if report.tables.get(key) == value)
        got = {c.rule: c.status for c in report.checks}
        checks_right += got == {c["rule"]: c["status"] for c in expected["checks"]}
    pages = sum(pages for *_, pages in files)
    queue.put({
        "files": len(files),
        "pages": pages,
        "seconds": round(seconds, 3),
        "pages_per_second": round(pages / seconds, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "rss_at_start_mb": round(baseline_kb / 1024, 1),
        "table_cells_expected": expected_cells,
        "table_cells_recovered": recovered,
        "table_cell_accuracy": round(recovered / expected_cells, 4) if expected_cells else None,
        "reports_scored": scored,
        "reports_with_expected_checks": checks_right,
    })


def measure(reader_name: str, files: list[File]) -> dict:
    """One reader over all files in a fresh child, so peak memory is its own."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=_measure, args=(queue, reader_name, files))
    process.start()
    result = queue.get()
    process.join()
    return result


def page_count(pdf: bytes) -> int:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def concatenated_pdf(parts: list[bytes]) -> bytes:
    merged = pypdfium2.PdfDocument.new()
    for data in parts:
        merged.import_pages(pypdfium2.PdfDocument(data))
    buffer = io.BytesIO()
    merged.save(buffer)
    return buffer.getvalue()


def concatenated_docx(parts: list[bytes]) -> bytes:
    first = docx.Document(io.BytesIO(parts[0]))
    body = first.element.body
    section = body[-1]  # the final sectPr stays last
    for data in parts[1:]:
        for element in docx.Document(io.BytesIO(data)).element.body:
            if not element.tag.endswith("sectPr"):
                section.addprevious(copy.deepcopy(element))
    buffer = io.BytesIO()
    first.save(buffer)
    return buffer.getvalue()


def corpus(n: int) -> dict[str, list[File]]:
    files: dict[str, list[File]] = {"docx": [], "pdf": []}
    for index, report in enumerate(generate(n, seed=SEED, forms=("docx", "pdf"))):
        if report.form == "pdf":
            pages = page_count(report.content)
        else:
            # A Word file has no pages of its own: the same report as a PDF stands in.
            twin = report_at(index, seed=SEED, edition=report.expected["meta"]["edition"], form="pdf", layout="flowing")
            pages = page_count(twin.content)
        files[report.form].append((report.filename, report.content, report.expected, pages))
    return files


def markdown(results: dict) -> str:
    lines = [
        "# DOCX and PDF readers on synthetic reports",
        "",
        f"{results['reports']} reports (`gongkai synth --forms docx,pdf`, seed {SEED}), every edition and layout; "
        "a Word file counts the pages of the same report as a PDF. Reading time excludes analysis; "
        "peak RSS is that of a child process reading (and analysing) every file, forked from the "
        "generating process (RSS at start). Measured on a shared 2-core machine: speeds are lower bounds.",
        "",
        "| reader | files | pages | pages/s | peak RSS MB | RSS at start MB | table cells | checks as expected |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for scope, rows in (("", results["per_report"]), ("long: ", results["long_document"])):
        for name, r in rows.items():
            scored = r["reports_scored"]
            cells = f"{r['table_cells_recovered']}/{r['table_cells_expected']}" if scored else "-"
            checks = f"{r['reports_with_expected_checks']}/{scored}" if scored else "-"
            lines.append(f"| {scope}{name} | {r['files']} | {r['pages']} | {r['pages_per_second']} | {r['peak_rss_mb']} "
                         f"| {r['rss_at_start_mb']} | {cells} | {checks} |")
    lines += ["", f"Long documents: {results['long_copies']} reports concatenated into one file "
              "(tables are not scored: one file holds many reports)."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=48, help="reports generated (half DOCX, half PDF)")
    parser.add_argument("--long-copies", type=int, default=20, help="reports concatenated into the long document")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "office.json")
    args = parser.parse_args()

    files = corpus(args.reports)
    long_pdf = concatenated_pdf([data for _, data, _, _ in files["pdf"][: args.long_copies]])
    long_docx = concatenated_docx([data for _, data, _, _ in files["docx"][: args.long_copies]])
    docx_pages = sum(pages for *_, pages in files["docx"][: args.long_copies])
    results = {
        "generator": f"pipeline.synth seed {SEED}",
        "reports": args.reports,
        "per_report": {name: measure(name, files[name.split("-")[0]]) for name in READERS},
        "long_copies": args.long_copies,
        "long_document": {
            "docx": measure("docx", [("long.docx", long_docx, None, docx_pages)]),
            "pdf": measure("pdf", [("long.pdf", long_pdf, None, page_count(long_pdf))]),
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    args.out.with_suffix(".md").write_text(markdown(results), encoding="utf-8")


if __name__ == "__main__":
    main()
