"""Tidy tables: built column by column for many reports at once, row for row what each report holds."""
from __future__ import annotations

import dataclasses

import pytest

from pipeline.extract import extract
from pipeline.synth import generate
from pipeline.tidy import SCHEMAS, tidy_rows, tidy_tables


@pytest.fixture(scope="module")
def reports():
    return [(f"r{i}", extract(s.content, name=s.filename)) for i, s in enumerate(generate(9, seed=3, forms=("txt", "html")))]


def test_tables_of_many_reports_are_the_rows_of_each_in_order(reports):
    tables = tidy_tables(reports)
    assert all(tables[name].schema == SCHEMAS[name] for name in SCHEMAS)
    for name, table in tables.items():
        one_by_one = [row for rid, report in reports for row in getattr(tidy_rows(report, rid), name)]
        assert table.to_pylist() == one_by_one, name
    cells = tables["cells"].to_pylist()
    assert len(cells) == sum(len(r.cells) for _, r in reports) > 100
    assert all(f"{c['table']}.{c['row']}.{c['column']}" == c["key"] for c in cells)
    assert [c["report_id"] for c in tables["reports"].to_pylist()] == [rid for rid, _ in reports]


def test_a_passed_table_check_has_no_message_but_failed_and_prose_checks_keep_theirs(reports):
    rid, report = next((rid, r) for rid, r in reports if any(c.rule.startswith("prose.") for c in r.checks))
    passed = next(c for c in report.checks if c.status == "pass" and c.rule.startswith("balance."))
    failed = dataclasses.replace(passed, status="fail", message="does not add up", difference=1.0)
    undecided = dataclasses.replace(passed, rule="balance.undecided", status="uncertain", message="blank cell")
    report = dataclasses.replace(report, checks=[*report.checks, failed, undecided])
    rows = {(c["rule"], c["status"]): c for c in tidy_tables([(rid, report)])["checks"].to_pylist()}
    assert rows[(passed.rule, "pass")]["message"] is None
    assert rows[(passed.rule, "pass")]["cells"] == list(passed.cells)
    assert rows[(failed.rule, "fail")]["message"] == "does not add up"
    assert rows[("balance.undecided", "uncertain")]["message"] == "blank cell"
    prose = next(c for c in report.checks if c.rule.startswith("prose."))
    assert rows[(prose.rule, prose.status)]["message"] == prose.message != ""


def test_no_reports_give_empty_tables_with_the_schemas():
    tables = tidy_tables([])
    assert {name: (t.num_rows, t.schema) for name, t in tables.items()} == {name: (0, s) for name, s in SCHEMAS.items()}

