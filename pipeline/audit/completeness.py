"""Completeness: every statutory part and standard table present, blanks counted apart from zeros."""
from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import pandas as pd

from ..tables.layout import layouts
from .config import AuditConfig
from .findings import Finding

SHOWN_KEYS = 20  # a finding lists at most this many missing or blank cells


@cache
def expected_keys(edition: str, table: str, edition_only: tuple[tuple[str, str], ...]) -> frozenset[str]:
    """Every canonical key ``table`` carries in ``edition`` (configs/tables/layouts.toml)."""
    spec = layouts()
    only = dict(edition_only)
    if table == "active":
        return frozenset(f"active.{r.id}.{c}" for r in spec.active.get(edition, ()) for c in r.columns)
    if table == "applications":
        return frozenset(f"applications.{r.id}.{c}" for r in spec.applications
                         if only.get(r.id, edition) == edition for c in r.columns)
    if table == "review":
        return frozenset(f"review.{g}.{o}" for g in spec.review_groups for o in spec.review_outcomes)
    return frozenset()


def part_findings(rid: str, edition: str, found: set[str], config: AuditConfig) -> Iterator[Finding]:
    for rule in config.parts_of(edition):
        present = rule.id in found
        yield Finding(rid, f"audit.completeness.part.{rule.id}", "pass" if present else "fail",
                      f"part '{rule.id}' {'present' if present else 'missing'} ({edition} edition: {rule.reason})")


def table_findings(rid: str, edition: str, cells: pd.DataFrame, config: AuditConfig) -> Iterator[Finding]:
    """One finding on each required table's presence and shape, one on its blank cells."""
    only = tuple(sorted(config.edition_only_rows.items()))
    for table in config.required_tables.get(edition, ()):
        rows = cells[cells["table"] == table]
        expected = expected_keys(edition, table, only)
        blank = sorted(rows.loc[rows["semantics"] == "blank", "key"])
        zeros = int((rows["value"] == 0).sum())
        missing = sorted(expected - set(rows["key"]))
        rule = f"audit.completeness.table.{table}"
        if rows.empty:
            yield Finding(rid, rule, "fail", f"table '{table}' missing", (), 0, float(len(expected)))
            continue
        if len(blank) == len(rows):
            yield Finding(rid, rule, "fail", f"table '{table}' is blank: all {len(rows)} cells empty",
                          tuple(blank[:SHOWN_KEYS]), 0, float(len(expected)))
            continue
        if missing:
            yield Finding(rid, rule, "fail", f"table '{table}' lacks {len(missing)} of {len(expected)} cells: "
                          + ", ".join(missing[:SHOWN_KEYS]), tuple(missing[:SHOWN_KEYS]),
                          float(len(expected) - len(missing)), float(len(expected)), float(-len(missing)))
        else:
            yield Finding(rid, rule, "pass", f"table '{table}' has all {len(expected)} cells",
                          (), float(len(expected)), float(len(expected)), 0.0)
        # a blank is not a zero: an unknown, reported apart and never called a failure
        blank_rule = f"audit.completeness.blank.{table}"
        if blank:
            yield Finding(rid, blank_rule, "uncertain",
                          f"{len(blank)} blank cells (unknown, not zero) beside {zeros} zeros in '{table}'",
                          tuple(blank[:SHOWN_KEYS]), float(len(blank)), float(zeros))
        else:
            yield Finding(rid, blank_rule, "pass", f"no blank cells in '{table}' ({zeros} zeros)",
                          (), 0.0, float(zeros))


def expected_edition(year: int | None, config: AuditConfig) -> str | None:
    if year is None:
        return None
    return next((e.edition for e in config.edition_years if e.first <= year <= e.last), None)


def edition_finding(rid: str, year: int | None, edition: str | None, evidence: str | None,
                    config: AuditConfig) -> Finding:
    """The table layout against the report year (2019 edition for 2019-2020, 2021 edition from 2021)."""
    expected = expected_edition(year, config)
    if expected is None or edition is None:
        return Finding(rid, "audit.edition", "uncertain",
                       f"cannot compare: year {year}, edition {edition}")
    status = "pass" if expected == edition else "fail"
    return Finding(rid, "audit.edition", status,
                   f"report on {year} uses the {edition} edition; {year} requires the {expected} edition"
                   + (f" (evidence: {evidence})" if evidence else ""), (), float(year))
