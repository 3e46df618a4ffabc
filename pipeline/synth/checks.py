"""The consistency rules (勾稽关系) of spec/tables.md, evaluated on expected tables.

Written apart from the extractor's validator on purpose: the expected checks
of a synthetic report are the yardstick the validator is measured against.
"""
from __future__ import annotations

from collections.abc import Mapping

from .layout import COLUMNS, PARTS, REVIEW_GROUPS, application_rows, outcome_rows

Tables = Mapping[str, float | None]
TOLERANCE = 1e-6


def _status(left: list[float | None], right: list[float | None]) -> str:
    if any(v is None for v in (*left, *right)):
        return "uncertain"
    return "pass" if abs(sum(left) - sum(right)) <= TOLERANCE else "fail"  # type: ignore[arg-type]


def expected_checks(tables: Tables, edition: str) -> list[dict[str, str]]:
    """Every rule of the edition with its status: ``pass``, ``fail`` or ``uncertain``."""
    if edition == "legacy":
        return []

    def cell(row: str, column: str) -> float | None:
        return tables.get(f"applications.{row}.{column}")

    checks = []
    for c in COLUMNS:
        left = [cell("new_received", c), cell("carried_over", c)]
        right = [cell("handled_total", c), cell("carried_forward", c)]
        checks.append({"rule": f"balance.{c}", "status": _status(left, right)})
    for r in application_rows(edition):
        status = _status([cell(r, "total")], [cell(r, p) for p in PARTS])
        checks.append({"rule": f"row_total.{r}", "status": status})
    for c in COLUMNS:
        status = _status([cell("handled_total", c)], [cell(r, c) for r in outcome_rows(edition)])
        checks.append({"rule": f"handled_total.{c}", "status": status})
    for g in REVIEW_GROUPS:
        parts = [tables.get(f"review.{g}.{o}") for o in ("upheld", "corrected", "other", "pending")]
        checks.append({"rule": f"review_total.{g}", "status": _status([tables.get(f"review.{g}.total")], parts)})
    return checks
