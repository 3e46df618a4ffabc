"""Series corpora with planted defects, as batch run folders and as in-memory tidy tables."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from pipeline.batch import BatchOptions, run
from pipeline.extract import extract
from pipeline.synth.series import generate_series, write_series
from pipeline.tidy import tidy_rows

AGENCIES = 12


def expected_failures(reports) -> set[tuple[str, str]]:
    return {(r.name, rule) for r in reports for rule in r.expected["series"]["audit_failures"]}


@pytest.fixture(scope="session")
def series_rows():
    """Seed -> (synthetic reports, their tidy rows keyed by report name)."""
    cache = {}

    def make(seed: int):
        if seed not in cache:
            reports = list(generate_series(AGENCIES, seed=seed))
            cache[seed] = reports, [tidy_rows(extract(r.content, name=r.filename), r.name) for r in reports]
        return cache[seed]
    return make


@pytest.fixture(scope="session")
def batch_run(tmp_path_factory) -> tuple[Path, dict[str, dict]]:
    """A series corpus run through `gongkai batch` with a manifest giving agency, year, region and level;
    returns the run folder and the expected data by file path."""
    root = tmp_path_factory.mktemp("series")
    paths = write_series(root / "in", AGENCIES, seed=0)
    expected = {}
    rows = []
    for path in paths:
        e = json.loads((root / "in" / "expected" / f"{path.stem}.json").read_text(encoding="utf-8"))
        expected[str(path)] = e
        rows.append({"path": path.name, "agency": e["series"]["agency"], "year": e["series"]["year"],
                     "region_code": f"R{e['series']['agency_index'] % 3}", "level": "county"})
    manifest = root / "in" / "manifest.csv"
    with manifest.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    run([manifest], root / "run", options=BatchOptions(workers=1, time_limit=None))
    return root / "run", expected
