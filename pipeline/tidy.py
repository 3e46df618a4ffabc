"""A report as rows of tidy tables, joinable on ``report_id`` (the contract of batch outputs).

Every table has a fixed Arrow schema (``SCHEMAS``); batch writes them to
Parquet and DuckDB, the review tool imports them, the audit reads them.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
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
    """Rows of each tidy table for one report, in the column order of :data:`SCHEMAS`."""

    reports: list[dict[str, Any]] = field(default_factory=list)
    sections: list[dict[str, Any]] = field(default_factory=list)
    paragraphs: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    cells: list[dict[str, Any]] = field(default_factory=list)
    checks: list[dict[str, Any]] = field(default_factory=list)

    def table(self, name: str) -> pa.Table:
        return pa.Table.from_pylist(getattr(self, name), schema=SCHEMAS[name])


def tidy_rows(report: Report, rid: str) -> TidyRows:
    meta = report.meta
    rows = TidyRows()
    rows.reports.append({
        "report_id": rid, "source": report.source, "status": report.status, "reason": report.reason,
        "title": meta.title, "agency": meta.agency, "year": meta.year, "written_date": meta.written_date,
        "published_date": meta.published_date, "index_number": meta.index_number, "edition": meta.edition,
        "edition_evidence": meta.edition_evidence, "form": meta.form, "encoding": meta.encoding,
        "script": meta.script, "n_paragraphs": len(report.paragraphs), "n_cells": len(report.cells),
        "n_failed_checks": sum(1 for c in report.checks if c.status == "fail"),
    })
    for s in report.sections:
        rows.sections.append({
            "report_id": rid, "section_id": s.id, "level": s.level, "heading": s.heading, "marker": s.marker,
            "parent": s.parent, "start": s.start, "end": s.end,
        })
    for p in report.paragraphs:
        decision = p.labels
        rows.paragraphs.append({
            "report_id": rid, "paragraph_id": p.id, "section_id": p.section, "heading": p.heading, "kind": p.kind,
            "start": p.start, "end": p.end, "text": p.text,
            "labels": list(decision.labels) if decision else None,
            "label_scores": json.dumps(decision.scores, ensure_ascii=False) if decision else None,
            "label_provenance": json.dumps({k: list(v) for k, v in decision.provenance.items()}, ensure_ascii=False)
            if decision else None,
        })
        for f in p.figures:
            rows.figures.append({
                "report_id": rid, "paragraph_id": p.id, "text": f.text, "start": f.start, "end": f.end,
                "value": float(f.value), "value_max": None if f.value_max is None else float(f.value_max),
                "approx": f.approx, "unit": f.unit, "kind": f.kind, "item": f.item, "action": f.action,
                "negated": f.negated, "rule": f.rule,
            })
    for c in report.cells:
        table, _, rest = c.key.partition(".")
        row, _, column = rest.rpartition(".")
        rows.cells.append({
            "report_id": rid, "key": c.key, "table": table, "row": row, "column": column, "value": c.value,
            "raw": c.raw, "semantics": c.semantics, "note": c.note,
        })
    for c in report.checks:
        rows.checks.append({
            "report_id": rid, "rule": c.rule, "status": c.status, "message": c.message, "cells": list(c.cells),
            "left": c.left, "right": c.right, "difference": c.difference,
        })
    return rows
