import pytest

from pipeline.report import Cell
from pipeline.tables.checks import run_checks

COLUMNS = ("natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total")


def _row(row: str, values: list[float | None]) -> list[Cell]:
    return [
        Cell(f"applications.{row}.{c}", v, "" if v is None else str(v), "blank" if v is None else "number")
        for c, v in zip(COLUMNS, values)
    ]


def _consistent() -> list[Cell]:
    cells = _row("new_received", [5, 1, 0, 0, 0, 0, 6]) + _row("carried_over", [1, 0, 0, 0, 0, 0, 1])
    cells += _row("granted", [4, 1, 0, 0, 0, 0, 5]) + _row("partially_granted", [1, 0, 0, 0, 0, 0, 1])
    cells += _row("handled_total", [5, 1, 0, 0, 0, 0, 6]) + _row("carried_forward", [1, 0, 0, 0, 0, 0, 1])
    return cells


def _by_rule(checks):
    return {c.rule: c for c in checks}


def test_checks_balance_passes_on_consistent_table():
    checks = _by_rule(run_checks(_consistent(), edition="2021", tables=("applications",)))
    assert checks["balance.total"].status == "pass"
    assert checks["row_total.new_received"].status == "pass"


def test_checks_report_both_sides_and_difference_on_failure():
    cells = [c for c in _consistent() if c.key != "applications.carried_forward.total"]
    cells.append(Cell("applications.carried_forward.total", 3, "3", "number"))
    check = _by_rule(run_checks(cells, edition="2021", tables=("applications",)))["balance.total"]
    assert check.status == "fail"
    assert (check.left, check.right, check.difference) == (7, 9, -2)
    assert "applications.carried_forward.total" in check.cells
    assert "difference -2" in check.message


def test_checks_are_uncertain_when_an_operand_is_blank():
    cells = [c for c in _consistent() if c.key != "applications.carried_over.total"]
    cells.append(Cell("applications.carried_over.total", None, "", "blank"))
    check = _by_rule(run_checks(cells, edition="2021", tables=("applications",)))["balance.total"]
    assert check.status == "uncertain"
    assert "applications.carried_over.total" in check.message


def test_checks_handled_total_uses_the_edition_outcome_rows():
    checks = _by_rule(run_checks(_consistent(), edition="2021", tables=("applications",)))
    # Outcome rows absent from the table make the sum uncertain, never a false failure.
    assert checks["handled_total.total"].status == "uncertain"


def test_checks_review_total_per_group():
    outcomes = ("upheld", "corrected", "other", "pending", "total")
    cells = [Cell(f"review.reconsideration.{o}", v, str(v), "number") for o, v in zip(outcomes, (2, 1, 0, 0, 4))]
    checks = _by_rule(run_checks(cells, edition="2021", tables=("review",)))
    assert checks["review_total.reconsideration"].status == "fail"
    assert checks["review_total.reconsideration"].difference == pytest.approx(1)
    assert checks["review_total.litigation_direct"].status == "uncertain"
