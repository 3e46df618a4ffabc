"""Inputs of ``gongkai review import``, each read into tidy rows (:mod:`pipeline.tidy`).

Three forms are accepted, told apart by what they are, not by their names:

* a folder: the output of ``gongkai batch`` (``DIR/<table>/*.parquet``);
* a JSON Lines file whose first object has ``paragraphs``: ``gongkai extract`` output;
* anything else: a report file in any form ``extract`` reads, run through the pipeline.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import Errors, InputError
from ..extract import extract
from ..report import Cell, Check, Figure, LabelDecision, Meta, Paragraph, Report, Section
from ..tidy import SCHEMAS, TidyRows, report_id, tidy_rows

BATCH_TABLES = tuple(SCHEMAS)


def read_source(path: Path) -> Iterator[TidyRows]:
    """Tidy rows of every report ``path`` holds; raises :class:`InputError` when it holds none readable."""
    if path.is_dir():
        yield _batch(path)
    elif not path.is_file():
        raise InputError(Errors.E001, path=path)
    elif _is_extract_jsonl(path):
        yield from _extract_jsonl(path)
    else:
        report = extract(path, name=str(path))
        if report.status != "ok":
            raise InputError(Errors.E077, source=path, reason=report.reason or report.status)
        yield tidy_rows(report, report_id(path.read_bytes()))


def _is_extract_jsonl(path: Path) -> bool:
    with path.open("rb") as stream:
        head = stream.read(1 << 16)
    first = head.lstrip().split(b"\n", 1)[0]
    try:
        record = json.loads(first)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False
    return isinstance(record, dict) and "source" in record and "status" in record


def _extract_jsonl(path: Path) -> Iterator[TidyRows]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(Errors.E030, path=path, line=number, reason=str(e)) from e
            if record.get("status") != "ok":
                continue  # failed and non-report lines carry no paragraphs to review
            try:
                report = report_from_dict(record)
            except (KeyError, TypeError) as e:
                raise InputError(Errors.E030, path=path, line=number, reason=f"not an extract record: {e}") from e
            yield tidy_rows(report, report_id(line.encode("utf-8")))


def report_from_dict(record: dict[str, Any]) -> Report:
    """The :class:`Report` of one ``gongkai extract`` JSON object (the inverse of ``Report.to_dict``)."""
    paragraphs = []
    for p in record["paragraphs"]:
        decision = None
        if p.get("labels") is not None:
            decision = LabelDecision(
                labels=tuple(p["labels"]), scores=p.get("label_scores") or {},
                provenance={k: tuple(v) for k, v in (p.get("label_provenance") or {}).items()},
                spans={k: tuple(tuple(s) for s in v) for k, v in (p.get("label_spans") or {}).items()})
        paragraphs.append(Paragraph(
            id=p["id"], text=p["text"], heading=p.get("heading"), section=p.get("section"), start=p["start"],
            end=p["end"], kind=p.get("kind", "prose"), labels=decision, figures=[Figure(**f) for f in p.get("figures", [])]))
    return Report(
        source=record["source"], status=record["status"], text=record.get("text", ""), meta=Meta(**record["meta"]),
        sections=[Section(**{**s, "path": tuple(s["path"])}) for s in record.get("sections", [])],
        paragraphs=paragraphs, cells=[Cell(**c) for c in record.get("cells", [])],
        checks=[Check(**{**c, "cells": tuple(c["cells"])}) for c in record.get("checks", [])])


def _batch(folder: Path) -> TidyRows:
    import pyarrow.dataset as ds

    if not (folder / "paragraphs").is_dir():
        raise InputError(Errors.E077, source=folder, reason="a folder must be `gongkai batch` output (no paragraphs/ table)")
    rows = TidyRows()
    for name in BATCH_TABLES:
        if (folder / name).is_dir():
            try:
                setattr(rows, name, ds.dataset(folder / name, format="parquet", partitioning="hive").to_table().to_pylist())
            except (OSError, ValueError) as e:
                raise InputError(Errors.E077, source=folder / name, reason=str(e)) from e
    return rows
