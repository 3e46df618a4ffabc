"""Round trips: ``extract`` on a synthetic report gives its expected output.

One test per aspect and (edition, form, layout); headings and metadata are
compared after folding script and full-width forms, which the extractor
normalises.  Sections are compared at levels 1 and 2 (一、 and (一)): the
extractor also records 1. items and 一是 clauses as deeper sections, which the
generator writes as list paragraphs.  Word files and PDFs, slow to read, come
from a smaller corpus of their own; their prose must also read as the prose
of their text twin (the same report as plain text).
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache

import pytest
from opencc import OpenCC

from pipeline.extract import extract
from pipeline.synth import generate
from pipeline.synth.corpus import combinations, report_at

SEED = 31
TEXT_FORMS, BINARY_FORMS = ("txt", "html"), ("docx", "pdf")
PER_COMBINATION = {TEXT_FORMS: 4, BINARY_FORMS: 2}
COMBINATIONS = combinations(TEXT_FORMS) + combinations(BINARY_FORMS)
BINARY_COMBINATIONS = [c for c in COMBINATIONS if c[1] in BINARY_FORMS]
SIMPLIFY = OpenCC("t2s")


@cache
def reports_by_combination() -> dict[tuple[str, str, str], list]:
    out: dict[tuple[str, str, str], list] = {c: [] for c in COMBINATIONS}
    for forms, per in PER_COMBINATION.items():
        for r in generate(len(combinations(forms)) * per, seed=SEED, forms=forms):
            out[(r.expected["meta"]["edition"], r.form, r.expected["layout"])].append(r)
    return out


@cache
def extracted(name: str):
    report = next(r for rs in reports_by_combination().values() for r in rs if r.name == name)
    return extract(report.content, name=report.filename, annotate=False)


def text_twin(report):
    """The same report (same seed and index) as plain text in pipe rows."""
    index = int(report.name.split("-")[2])
    return report_at(index, seed=SEED, edition=report.expected["meta"]["edition"], form="txt", layout="pipe_rows")


def fold(text: str | None) -> str | None:
    return None if text is None else unicodedata.normalize("NFKC", SIMPLIFY.convert(text))


def prose(report) -> list[str]:
    return [re.sub(r"\s+", "", p.text) for p in report.paragraphs if p.kind == "prose"]


def cases(aspect: str, combinations=COMBINATIONS):
    return [pytest.param(combo, id=f"{aspect}-" + "-".join(combo)) for combo in combinations]


@pytest.mark.parametrize("combo", cases("tables"))
def test_tables_round_trip(combo):
    for r in reports_by_combination()[combo]:
        assert extracted(r.name).tables == r.expected["tables"], r.name


@pytest.mark.parametrize("combo", cases("checks"))
def test_checks_round_trip(combo):
    for r in reports_by_combination()[combo]:
        got = {c.rule: c.status for c in extracted(r.name).checks}
        assert got == {c["rule"]: c["status"] for c in r.expected["checks"]}, r.name


@pytest.mark.parametrize("combo", cases("meta"))
def test_meta_round_trips(combo):
    for r in reports_by_combination()[combo]:
        meta = extracted(r.name).meta
        got = {f: fold(v) if isinstance(v, str) else v
               for f, v in ((f, getattr(meta, f)) for f in r.expected["meta"])}
        want = {f: fold(v) if isinstance(v, str) else v for f, v in r.expected["meta"].items()}
        assert got == want, r.name


@pytest.mark.parametrize("combo", cases("sections"))
def test_sections_round_trip(combo):
    for r in reports_by_combination()[combo]:
        got = [(fold(s.heading), s.level) for s in extracted(r.name).sections if s.level <= 2]
        want = [(fold(s["heading"]), s["level"]) for s in r.expected["sections"] if s["level"] <= 2]
        assert got == want, r.name


@pytest.mark.parametrize("combo", cases("prose", BINARY_COMBINATIONS))
def test_prose_reads_as_in_the_text_twin(combo):
    for r in reports_by_combination()[combo]:
        twin = text_twin(r)
        assert twin.expected["tables"] == r.expected["tables"], "the twin is not the same report"
        got = prose(extracted(r.name))
        assert got and got == prose(extract(twin.content, name=twin.filename, annotate=False)), r.name
