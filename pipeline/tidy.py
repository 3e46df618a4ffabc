"""A report as rows of tidy tables, joinable on ``report_id`` (the contract of batch outputs).

Every table has a fixed Arrow schema (``SCHEMAS``); batch writes them to
Parquet and DuckDB, the review tool imports them, the audit reads them.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from operator import attrgetter
from typing import Any

import pyarrow as pa

from .report import Report

SCHEMA_VERSION = "gongkai.tidy.v1"

SCHEMAS: dict[str, pa.Schema] = {
    "reports": pa.schema([
        ("report_id", pa.string()), ("source", pa.string()), ("status", pa.string()), ("reason", pa.string()),
        ("title", pa.string()), ("agency", pa.string()), ("year", pa.int32()), ("written_date", pa.string()),
        ("published_date", pa.string()), ("index_number", pa.string()), ("edition", pa.string()),
        ("edition_evidence", pa.string()), ("form", pa.string()), ("encoding", pa.string()), ("script", pa.string()),
        ("n_paragraphs", pa.int32()), ("n_cells", pa.int32()), ("n_failed_checks", pa.int32()),
    ]),
    "sections": pa.schema([
        ("report_id", pa.string()), ("section_id", pa.string()), ("level", pa.int8()), ("heading", pa.string()),
        ("marker", pa.string()), ("parent", pa.string()), ("start", pa.int32()), ("end", pa.int32()),
    ]),
    "paragraphs": pa.schema([
        ("report_id", pa.string()), ("paragraph_id", pa.string()), ("section_id", pa.string()),
        ("heading", pa.string()), ("kind", pa.string()), ("start", pa.int32()), ("end", pa.int32()),
        ("text", pa.string()), ("labels", pa.list_(pa.string())), ("label_scores", pa.string()),
        ("label_provenance", pa.string()),
    ]),
    "figures": pa.schema([
        ("report_id", pa.string()), ("paragraph_id", pa.string()), ("text", pa.string()), ("start", pa.int32()),
        ("end", pa.int32()), ("value", pa.float64()), ("value_max", pa.float64()), ("approx", pa.string()),
        ("unit", pa.string()), ("kind", pa.string()), ("item", pa.string()), ("action", pa.string()),
        ("negated", pa.bool_()), ("rule", pa.string()),
    ]),
    "cells": pa.schema([
        ("report_id", pa.string()), ("key", pa.string()), ("table", pa.string()), ("row", pa.string()),
        ("column", pa.string()), ("value", pa.float64()), ("raw", pa.string()), ("semantics", pa.string()),
        ("note", pa.string()),
    ]),
    "checks": pa.schema([
        ("report_id", pa.string()), ("rule", pa.string()), ("status", pa.string()), ("message", pa.string()),
        ("cells", pa.list_(pa.string())), ("left", pa.float64()), ("right", pa.float64()),
        ("difference", pa.float64()),
    ]),
}


def report_id(content: bytes) -> str:
    """A stable id from the file's bytes: the same report gets the same id in every run."""
    return hashlib.sha256(content).hexdigest()[:20]


@dataclass
class TidyRows:
    """Rows of each tidy table (dicts in the column order of :data:`SCHEMAS`), for the review tool and the audit."""

    reports: list[dict[str, Any]] = field(default_factory=list)
    sections: list[dict[str, Any]] = field(default_factory=list)
    paragraphs: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    cells: list[dict[str, Any]] = field(default_factory=list)
    checks: list[dict[str, Any]] = field(default_factory=list)

    def table(self, name: str) -> pa.Table:
        return pa.Table.from_pylist(getattr(self, name), schema=SCHEMAS[name])


def tidy_rows(report: Report, rid: str) -> TidyRows:
    """One report's rows of every tidy table."""
    return TidyRows(**{name: table.to_pylist() for name, table in tidy_tables([(rid, report)]).items()})


def tidy_tables(reports: Sequence[tuple[str, Report]]) -> dict[str, pa.Table]:
    """Every tidy table for ``(report_id, report)`` pairs, rows in the order of the reports.

    Built column by column: a chunk of reports holds thousands of cells, and
    a dict per row converted by Arrow cost more than extracting them (~1 ms a report).
    """
    return {name: pa.Table.from_pydict(build(reports), schema=SCHEMAS[name]) for name, build in _BUILDERS.items()}


Columns = dict[str, list[Any]]


def _columns(rows: list[tuple[str, Any]], attributes: dict[str, str]) -> Columns:
    """``report_id`` and, for each column, that attribute of every ``(report_id, item)`` row."""
    columns: Columns = {"report_id": [rid for rid, _ in rows]}
    for column, attribute in attributes.items():
        get = attrgetter(attribute)
        columns[column] = [get(item) for _, item in rows]
    return columns


def _report_columns(reports: Sequence[tuple[str, Report]]) -> Columns:
    columns = _columns(list(reports), {"source": "source", "status": "status", "reason": "reason"})
    metas = [(rid, r.meta) for rid, r in reports]
    columns |= _columns(metas, {name: name for name in (
        "title", "agency", "year", "written_date", "published_date", "index_number", "edition", "edition_evidence",
        "form", "encoding", "script")})
    columns["n_paragraphs"] = [len(r.paragraphs) for _, r in reports]
    columns["n_cells"] = [len(r.cells) for _, r in reports]
    columns["n_failed_checks"] = [sum(1 for c in r.checks if c.status == "fail") for _, r in reports]
    return columns


def _section_columns(reports: Sequence[tuple[str, Report]]) -> Columns:
    return _columns([(rid, s) for rid, r in reports for s in r.sections], {
        "section_id": "id", "level": "level", "heading": "heading", "marker": "marker", "parent": "parent",
        "start": "start", "end": "end"})


def _paragraph_columns(reports: Sequence[tuple[str, Report]]) -> Columns:
    rows = [(rid, p) for rid, r in reports for p in r.paragraphs]
    columns = _columns(rows, {"paragraph_id": "id", "section_id": "section", "heading": "heading", "kind": "kind",
                              "start": "start", "end": "end", "text": "text"})
    decisions = [p.labels for _, p in rows]
    columns["labels"] = [list(d.labels) if d else None for d in decisions]
    columns["label_scores"] = [json.dumps(d.scores, ensure_ascii=False) if d else None for d in decisions]
    columns["label_provenance"] = [
        json.dumps({k: list(v) for k, v in d.provenance.items()}, ensure_ascii=False) if d else None for d in decisions]
    return columns


def _figure_columns(reports: Sequence[tuple[str, Report]]) -> Columns:
    rows = [(rid, p.id, f) for rid, r in reports for p in r.paragraphs for f in p.figures]
    columns = _columns([(rid, f) for rid, _, f in rows], {
        "text": "text", "start": "start", "end": "end", "value": "value", "value_max": "value_max",
        "approx": "approx", "unit": "unit", "kind": "kind", "item": "item", "action": "action",
        "negated": "negated", "rule": "rule"})
    columns["paragraph_id"] = [paragraph for _, paragraph, _ in rows]
    return columns


def _cell_columns(reports: Sequence[tuple[str, Report]]) -> Columns:
    rows = [(rid, c) for rid, r in reports for c in r.cells]
    columns = _columns(rows, {"key": "key", "value": "value", "raw": "raw", "semantics": "semantics", "note": "note"})
    table_row_column = [_key_parts(key) for key in columns["key"]]
    for i, column in enumerate(("table", "row", "column")):
        columns[column] = [parts[i] for parts in table_row_column]
    return columns


@lru_cache(maxsize=4096)
def _key_parts(key: str) -> tuple[str, str, str]:
    """``table.row.column`` split (the row may itself contain dots); keys repeat from report to report."""
    table, _, rest = key.partition(".")
    row, _, column = rest.rpartition(".")
    return table, row, column


def _check_columns(reports: Sequence[tuple[str, Report]]) -> Columns:
    rows = [(rid, c) for rid, r in reports for c in r.checks]
    columns = _columns(rows, {"rule": "rule", "status": "status", "cells": "cells", "left": "left", "right": "right",
                              "difference": "difference"})
    # A passed table check's message only spells out its cells and sums (about 400 characters, on some
    # 28 rows a report), which cells, left and right hold already; prose checks quote the prose: kept.
    quoting = _prose_rule_ids()
    columns["message"] = [None if c.status == "pass" and c.rule not in quoting else c.message for _, c in rows]
    return columns


@cache
def _prose_rule_ids() -> frozenset[str]:
    # imported here: the batch driver needs the schemas above, not the figures' libraries
    from .figures.prose_checks import prose_rules

    return frozenset(rule.id for rule in prose_rules())


_BUILDERS = {"reports": _report_columns, "sections": _section_columns, "paragraphs": _paragraph_columns,
             "figures": _figure_columns, "cells": _cell_columns, "checks": _check_columns}
