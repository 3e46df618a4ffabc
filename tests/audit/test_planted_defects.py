"""The audit finds every planted defect of a series corpus and nothing else."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

from pipeline.audit import RunTables, audit, audit_run

from .conftest import expected_failures


def _failures(findings: pd.DataFrame, names: dict[str, str] | None = None) -> set[tuple[str, str]]:
    failed = findings[findings["status"] == "fail"]
    return {((names or {}).get(r, r), rule) for r, rule in zip(failed["report_id"], failed["rule"])}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_audit_fails_exactly_the_planted_defects(series_rows, seed):
    reports, rows = series_rows(seed)
    result = audit(RunTables.from_rows(rows)).findings.to_pandas()
    assert _failures(result) == expected_failures(reports)


def test_every_defect_kind_is_planted_and_found(series_rows):
    reports, rows = series_rows(1)
    kinds = {d["defect"] for r in reports for d in r.expected["series"]["defects"]}
    assert kinds == {"missing_part", "late", "blank_table", "copied_previous", "copied_other", "broken_carry_over"}


def test_audit_of_a_batch_run_finds_the_planted_defects(batch_run, tmp_path):
    run_dir, expected = tmp_path / "run", batch_run[1]
    shutil.copytree(batch_run[0], run_dir)
    result = audit_run(run_dir)
    reports = pd.read_parquet(run_dir / "reports")[["report_id", "source"]]
    names = {rid: expected[src]["name"] for rid, src in zip(reports["report_id"], reports["source"])}
    want = {(e["name"], rule) for e in expected.values() for rule in e["series"]["audit_failures"]}
    assert _failures(result.findings.to_pandas(), names) == want


def test_earlier_years_from_a_previous_run_feed_cross_year_and_copying(series_rows):
    reports, rows = series_rows(2)
    late = {r.name for r in reports if r.expected["series"]["year"] >= 2021}
    current = RunTables.from_rows(t for t in rows if t.reports[0]["report_id"] in late)
    previous = RunTables.from_rows(t for t in rows if t.reports[0]["report_id"] not in late)
    findings = audit(current, previous).findings.to_pandas()
    assert set(findings["report_id"]) == late  # nothing written about last year's run
    cross = findings[findings["rule"].str.startswith(("audit.cross_year", "audit.copying.previous"))]
    in_2021 = {r for r in late if r.endswith("2021")}
    assert in_2021 <= set(cross["report_id"])  # 2021 compared with 2020 from the previous run
    assert _failures(findings) == {f for f in expected_failures(reports) if f[0] in late}
