"""Synthetic reports with known truth, one :class:`SyntheticReport` at a time.

Report ``i`` of a seed is drawn from its own ``Random(f"{seed}:{i}")``, so a
report does not depend on how many came before it, and a seed always gives
the same corpus.
"""
from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from random import Random
from typing import Any

import opencc

from ..errors import Errors, GongkaiError
from . import tables as grids
from . import values
from .agency import make_agency
from .checks import expected_checks
from .compose import Style, compose
from .forms import BINARY_FORMS, DEFAULT_FORMS, WRITERS
from .model import SyntheticReport

EDITIONS = ("2021", "2019", "legacy")
YEARS = {"2021": (2021, 2024), "2019": (2019, 2020), "legacy": (2008, 2018)}
ENCODINGS = (("utf-8", 60), ("utf-8-sig", 12), ("gbk", 14), ("gb18030", 14))
FAULT_RATE = 0.25
TRADITIONAL_RATE = 0.12


@cache
def _to_traditional() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def combinations(forms: Sequence[str]) -> list[tuple[str, str, str]]:
    """(edition, form, layout) in the order reports cycle through them: forms
    interleaved, so that a handful of reports already shows each form."""
    unknown = [f for f in forms if f not in WRITERS]
    if unknown or not forms:
        raise GongkaiError(Errors.E050, name="forms", value=",".join(forms),
                           reason=f"choose among {', '.join(WRITERS)}")
    queues = [[(f, layout) for layout in WRITERS[f].LAYOUTS] for f in dict.fromkeys(forms)]
    pairs = [q[i] for i in range(max(map(len, queues))) for q in queues if i < len(q)]
    return [(edition, form, layout) for form, layout in pairs for edition in EDITIONS]


def generate(n: int, *, seed: int = 0, forms: Sequence[str] = DEFAULT_FORMS) -> Iterator[SyntheticReport]:
    """``n`` reports cycling through every edition × form × layout."""
    if n < 0:
        raise GongkaiError(Errors.E050, name="n", value=n, reason="must be zero or more")
    combos = combinations(forms)
    for i in range(n):
        edition, form, layout = combos[i % len(combos)]
        yield report_at(i, seed=seed, edition=edition, form=form, layout=layout)


def report_at(index: int, *, seed: int, edition: str, form: str, layout: str) -> SyntheticReport:
    """Report ``index`` of ``seed`` in a given form: the same document in every
    form whose layout keeps blank cells (a Word file's text twin is
    ``form="txt", layout="pipe_rows"``)."""
    name = f"synth-{seed}-{index:05d}-{edition}-{layout}"
    return make_report(Random(f"{seed}:{index}"), name=name, edition=edition, form=form, layout=layout)


def make_report(rng: Random, *, name: str, edition: str, form: str, layout: str) -> SyntheticReport:
    year = rng.randint(*YEARS[edition])
    agency = make_agency(rng, legacy=edition == "legacy")
    cells: dict[str, values.CellValue] = {}
    faults: list[values.Fault] = []
    tables = {}
    if edition == "legacy":
        counts = _legacy_counts(rng)
    else:
        numbers = {**values.active(rng, edition), **values.applications(rng, edition), **values.review(rng)}
        # in these flattenings an empty cell leaves no trace, so its position would be unknowable
        cells = values.write_cells(rng, numbers, allow_blank=layout not in ("pdf_text", "blank_lines"))
        if rng.random() < FAULT_RATE:
            faults = values.inject_faults(rng, cells, edition, rng.choice((1, 1, 2)))
        tables = {"active": grids.active(rng, cells, edition),
                  "applications": grids.applications(rng, cells, edition, subtotal=rng.random() < 0.15),
                  "review": grids.review(cells)}
        counts = {row: _int(cells[f"applications.{row}.total"].value) for row in ("new_received", "carried_over")}
    style = Style(full_width_punct=rng.random() < 0.4, full_width_digits=rng.random() < 0.1,
                  meta=rng.choices(("pipe", "colon", "none"), weights=(45, 30, 25))[0],
                  signature=rng.random() < 0.4, title_first=rng.random() < 0.8)
    document, structure = compose(rng, edition=edition, year=year, agency=agency, tables=tables,
                                  prose_counts=counts, style=style)
    traditional = rng.random() < TRADITIONAL_RATE
    encoding = rng.choices([e for e, _ in ENCODINGS], weights=[w for _, w in ENCODINGS])[0]
    if traditional and encoding == "gbk":
        encoding = "gb18030"  # GBK lacks a few traditional forms OpenCC may produce
    if form in BINARY_FORMS:
        # A file form has no text encoding; its script is chosen before it is drawn.
        if traditional:
            document = document.map_text(_to_traditional().convert)
        rendering = WRITERS[form].render(document, rng, layout=layout, encoding=encoding)
        content, encoding = rendering.content, None
    else:
        rendering = WRITERS[form].render(document, rng, layout=layout, encoding=encoding)
        text = _to_traditional().convert(rendering.text) if traditional else rendering.text
        content = text.encode(encoding)
    expected_tables = {k: c.value for k, c in cells.items()}
    expected: dict[str, Any] = {
        "name": name, "form": form, "layout": rendering.layout, "encoding": encoding,
        "script": "traditional" if traditional else "simplified",
        "full_width_digits": style.full_width_digits,
        "meta": structure["meta"],
        "tables": expected_tables,
        "checks": expected_checks(expected_tables, edition),
        "faults": [{"cell": f.cell, "true": f.true, "written": f.written, "breaks": list(f.breaks)}
                   for f in faults],
        "sections": structure["sections"],
        "paragraph_count": structure["paragraph_count"],
    }
    return SyntheticReport(name, form, content, encoding, expected)


def _int(value: float | None) -> int | None:
    return None if value is None else int(value)


def _legacy_counts(rng: Random) -> dict[str, int]:
    requests = rng.choice((0, 0, rng.randint(1, 9), rng.randint(10, 120)))
    granted = rng.randint(0, requests)
    active = rng.randint(20, 3000)
    return {"active": active, "web": rng.randint(active // 2, active), "requests": requests,
            "granted": granted, "denied": requests - granted, "reviews": rng.randint(0, 2),
            "suits": rng.randint(0, 1)}


def write_corpus(out_dir: Path, n: int, *, seed: int = 0,
                 forms: Sequence[str] = DEFAULT_FORMS) -> list[Path]:
    """Write ``n`` reports to ``out_dir`` and their expected output to ``out_dir/expected/``."""
    out_dir = Path(out_dir)
    expected_dir = out_dir / "expected"
    expected_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for report in generate(n, seed=seed, forms=forms):
        path = out_dir / report.filename
        path.write_bytes(report.content)
        (expected_dir / f"{report.name}.json").write_text(
            json.dumps(report.expected, ensure_ascii=False, indent=1), encoding="utf-8")
        paths.append(path)
    return paths
