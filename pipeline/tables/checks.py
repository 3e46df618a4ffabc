"""Consistency checks 1-4 of the spec (勾稽关系): balance, row totals, handled totals, review totals.

A failed check is a finding about the report, never an error of the run.  A
check whose operand is blank, not applicable or missing is ``uncertain``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

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


_MISSING = object()  # an operand with no cell at all (a cell's value None is blank or not applicable)
_FLOAT_OR_NONE = frozenset({float, type(None)})


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: rules are built once per edition
class _Rule:
    """One check with its operand keys, spelt out once per edition rather than per report."""

    name: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    keys: tuple[str, ...]
    left_sum: str  # "a + b", as the message shows each side
    right_sum: str
    row_keys: frozenset[str]  # a row total applies only when its row has a cell (in any column); empty: always

    @classmethod
    def of(cls, name: str, left: list[str], right: list[str], row_keys: frozenset[str] = frozenset()) -> _Rule:
        return cls(name, tuple(left), tuple(right), (*left, *right), " + ".join(left), " + ".join(right), row_keys)


def run_checks(cells: list[Cell], *, edition: str | None, tables: tuple[str, ...]) -> list[Check]:
    values = {c.key: c.value for c in cells}
    rules: list[_Rule] = []
    if "applications" in tables:
        present = values.keys()
        rules += [r for r in _application_rules(edition) if not r.row_keys or not present.isdisjoint(r.row_keys)]
    if "review" in tables:
        rules += _review_rules()
    # The memo takes equal numbers for one: only float values (all the parser gives) go through it.
    check = _check if set(map(type, values.values())) <= _FLOAT_OR_NONE else _check.__wrapped__
    return [check(rule, tuple([values.get(k, _MISSING) for k in rule.keys])) for rule in rules]


@cache
def _application_rules(edition: str | None) -> tuple[_Rule, ...]:
    """Balance per column, then each row's total, then the handled total per column."""
    spec = layouts()
    columns = spec.application_columns
    outcome_rows = (*_OUTCOME_ROWS, *_OTHER_ROWS.get(edition or "2021", _OTHER_ROWS["2021"]))
    rules = [
        _Rule.of(
            f"balance.{c}",
            [f"applications.new_received.{c}", f"applications.carried_over.{c}"],
            [f"applications.handled_total.{c}", f"applications.carried_forward.{c}"],
        )
        for c in columns
    ]
    rules += [
        _Rule.of(
            f"row_total.{r.id}",
            [f"applications.{r.id}.total"], [f"applications.{r.id}.{c}" for c in columns if c != "total"],
            row_keys=frozenset(f"applications.{r.id}.{c}" for c in columns),
        )
        for r in spec.applications
        if not (edition == "2019" and r.id in ("other.no_correction", "other.unpaid_fee"))
    ]
    rules += [
        _Rule.of(
            f"handled_total.{c}",
            [f"applications.handled_total.{c}"], [f"applications.{r}.{c}" for r in outcome_rows],
        )
        for c in columns
    ]
    return tuple(rules)


@cache
def _review_rules() -> tuple[_Rule, ...]:
    spec = layouts()
    outcomes = [o for o in spec.review_outcomes if o != "total"]
    return tuple(
        _Rule.of(f"review_total.{g}", [f"review.{g}.total"], [f"review.{g}.{o}" for o in outcomes])
        for g in spec.review_groups
    )


@lru_cache(maxsize=8192)
def _check(rule: _Rule, operands: tuple) -> Check:
    """The check on its operands' values (``_MISSING`` for no cell), in the order of ``rule.keys``.

    Memoised: reports repeat the same operands, rows of zeros above all, and a Check is
    immutable, so one can be shared between reports.
    """
    left, right = operands[:len(rule.left)], operands[len(rule.left):]
    if _MISSING in operands or None in operands:
        return _uncertain(rule, left, right)
    lhs = round(sum(left), 6)
    rhs = round(sum(right), 6)
    diff = round((lhs or 0.0) - (rhs or 0.0), 6)
    status = "pass" if abs(diff) <= _TOLERANCE else "fail"
    message = f"{rule.left_sum} = {_fmt(lhs)}; {rule.right_sum} = {_fmt(rhs)}"
    if status == "fail":
        message += f"; difference {_fmt(diff)}"
    return Check(rule.name, status, message, rule.keys, lhs, rhs, diff)


def _uncertain(rule: _Rule, left: tuple, right: tuple) -> Check:
    """An operand is missing, blank or not applicable: the sums of what there is, and why no verdict."""
    operands = list(zip(rule.keys, (*left, *right)))
    missing = [k for k, v in operands if v is _MISSING]
    empty = [k for k, v in operands if v is None]
    why = []
    if missing:
        why.append(f"missing {', '.join(missing)}")
    if empty:
        why.append(f"blank or not applicable {', '.join(empty)}")
    message = f"{rule.name}: cannot decide: {'; '.join(why)}"
    return Check(rule.name, "uncertain", message, rule.keys, _sum(left), _sum(right), None)


def _sum(operands: tuple) -> float | None:
    """The sum of the operands that have a value, or None when none has."""
    present = [v for v in operands if v is not None and v is not _MISSING]
    return round(sum(present), 6) if present else None


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
