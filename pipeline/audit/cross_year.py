"""Cross-year checks between an agency's reports on consecutive years."""
from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from ..tables.layout import layouts
from .findings import Finding

IN_FORCE_ROWS = ("regulations", "normative_documents")


def previous_reports(panel: pd.DataFrame) -> dict[str, str]:
    """report_id -> the report of the same agency on the year before (``panel``: report_id, agency_key, year)."""
    known = panel.dropna(subset=["agency_key", "year"]).sort_values("report_id")
    by_year = {(a, int(y)): rid for rid, a, y in zip(known["report_id"], known["agency_key"], known["year"])}
    return {rid: by_year[(a, int(y) - 1)] for rid, a, y in zip(known["report_id"], known["agency_key"], known["year"])
            if (a, int(y) - 1) in by_year}


def _relevant_keys() -> set[str]:
    columns = layouts().application_columns
    keys = {f"applications.{r}.{c}" for r in ("carried_over", "carried_forward") for c in columns}
    keys |= {f"active.{r}.{c}" for r in IN_FORCE_ROWS for c in ("issued", "repealed", "in_force")}
    return keys


def cell_values(cells: pd.DataFrame) -> dict[str, dict[str, float | None]]:
    """report_id -> {key: value} for the keys the cross-year rules read (value None: blank)."""
    wanted = cells[cells["key"].isin(_relevant_keys())]
    out: dict[str, dict[str, float | None]] = {}
    for rid, key, value in zip(wanted["report_id"], wanted["key"], wanted["value"]):
        out.setdefault(rid, {})[key] = None if pd.isna(value) else float(value)
    return out


def carry_over_findings(rid: str, prev: str, this: dict[str, float | None],
                        last: dict[str, float | None]) -> Iterator[Finding]:
    """Last year's carried_forward equals this year's carried_over, per column."""
    if not any(k.startswith("applications.") for k in this) or not any(k.startswith("applications.") for k in last):
        return
    for c in layouts().application_columns:
        over, forward = f"applications.carried_over.{c}", f"applications.carried_forward.{c}"
        left, right = last.get(forward), this.get(over)
        rule = f"audit.cross_year.carry_over.{c}"
        cells = (f"{prev}:{forward}", f"{rid}:{over}")
        if left is None or right is None:
            yield Finding(rid, rule, "uncertain", f"{c}: a side is blank or missing", cells, left, right)
            continue
        status = "pass" if left == right else "fail"
        yield Finding(rid, rule, status,
                      f"{c}: carried forward last year {left:g}, carried over this year {right:g}",
                      cells, left, right, right - left)


def in_force_findings(rid: str, prev: str, this: dict[str, float | None],
                      last: dict[str, float | None]) -> Iterator[Finding]:
    """in_force moves by issued - repealed; soft (revisions and expiry move it too), so never a failure."""
    for row in IN_FORCE_ROWS:
        keys = [f"active.{row}.{c}" for c in ("in_force", "issued", "repealed")]
        if f"active.{row}.in_force" not in last or keys[0] not in this:
            continue  # only reports of the 2021 edition carry in_force
        before, now, issued, repealed = last.get(keys[0]), this.get(keys[0]), this.get(keys[1]), this.get(keys[2])
        rule = f"audit.cross_year.in_force.{row}"
        cells = (f"{prev}:{keys[0]}", *(f"{rid}:{k}" for k in keys))
        if None in (before, now, issued, repealed):
            yield Finding(rid, rule, "uncertain", f"{row}: a cell is blank or missing", cells)
            continue
        expected = before + issued - repealed  # type: ignore[operator]
        status = "pass" if expected == now else "uncertain"
        yield Finding(rid, rule, status,
                      f"{row}: in force {now:g}; last year {before:g} + issued {issued:g} - repealed {repealed:g}"
                      f" = {expected:g}" + ("" if status == "pass" else " (soft rule: revisions also move it)"),
                      cells, now, expected, now - expected)  # type: ignore[operator]
