"""Consistency checks 1-4 of the spec (勾稽关系): balance, row totals, handled totals, review totals.

A failed check is a finding about the report, never an error of the run.  A
check whose operand is blank, not applicable or missing is ``uncertain``.
"""
from __future__ import annotations

from ..report import Cell, Check
from .layout import layouts

_TOLERANCE = 1e-6
_OUTCOME_ROWS = (
    "granted", "partially_granted",
    "denied.state_secret", "denied.prohibited_by_law", "denied.three_safeties", "denied.third_party",
    "denied.internal_affairs", "denied.process_info", "denied.enforcement_files", "denied.query_matters",
    "unavailable.not_held", "unavailable.needs_creation", "unavailable.unclear",
    "not_processed.petition", "not_processed.duplicate", "not_processed.publication",
    "not_processed.excessive", "not_processed.confirmation",
)
_OTHER_ROWS = {"2021": ("other.no_correction", "other.unpaid_fee", "other.other"), "2019": ("other.other",)}


def run_checks(cells: list[Cell], *, edition: str | None, tables: tuple[str, ...]) -> list[Check]:
    by_key = {c.key: c for c in cells}
    spec = layouts()
    checks: list[Check] = []
    if "applications" in tables:
        columns = spec.application_columns
        app_rows = [r.id for r in spec.applications]
        outcome_rows = (*_OUTCOME_ROWS, *_OTHER_ROWS.get(edition or "2021", _OTHER_ROWS["2021"]))
        for c in columns:
            checks.append(_compare(
                by_key, f"balance.{c}",
                [f"applications.new_received.{c}", f"applications.carried_over.{c}"],
                [f"applications.handled_total.{c}", f"applications.carried_forward.{c}"],
            ))
        present_rows = {k.rpartition(".")[0] for k in by_key}
        for r in app_rows:
            if edition == "2019" and r in ("other.no_correction", "other.unpaid_fee"):
                continue
            if f"applications.{r}" not in present_rows:
                continue
            checks.append(_compare(
                by_key, f"row_total.{r}",
                [f"applications.{r}.total"], [f"applications.{r}.{c}" for c in columns if c != "total"],
            ))
        for c in columns:
            checks.append(_compare(
                by_key, f"handled_total.{c}",
                [f"applications.handled_total.{c}"], [f"applications.{r}.{c}" for r in outcome_rows],
            ))
    if "review" in tables:
        for g in spec.review_groups:
            checks.append(_compare(
                by_key, f"review_total.{g}",
                [f"review.{g}.total"], [f"review.{g}.{o}" for o in spec.review_outcomes if o != "total"],
            ))
    return checks


def _compare(by_key: dict[str, Cell], rule: str, left: list[str], right: list[str]) -> Check:
    keys = (*left, *right)
    missing = [k for k in keys if k not in by_key]
    empty = [k for k in keys if k in by_key and by_key[k].value is None]
    lhs = _sum(by_key, left)
    rhs = _sum(by_key, right)
    if missing or empty:
        why = []
        if missing:
            why.append(f"missing {', '.join(missing)}")
        if empty:
            why.append(f"blank or not applicable {', '.join(empty)}")
        return Check(rule, "uncertain", f"{rule}: cannot decide: {'; '.join(why)}", keys, lhs, rhs, None)
    diff = round((lhs or 0.0) - (rhs or 0.0), 6)
    status = "pass" if abs(diff) <= _TOLERANCE else "fail"
    message = f"{' + '.join(left)} = {_fmt(lhs)}; {' + '.join(right)} = {_fmt(rhs)}"
    if status == "fail":
        message += f"; difference {_fmt(diff)}"
    return Check(rule, status, message, keys, lhs, rhs, diff)


def _sum(by_key: dict[str, Cell], keys: list[str]) -> float | None:
    values = [by_key[k].value for k in keys if k in by_key and by_key[k].value is not None]
    return round(sum(values), 6) if values else None  # type: ignore[arg-type]


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
