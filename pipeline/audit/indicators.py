"""The tidy ``indicators`` table: numerator, denominator and value of each rate, per report."""
from __future__ import annotations

from fnmatch import fnmatchcase

import pandas as pd
import pyarrow as pa

from .config import AuditConfig, IndicatorRule

SCHEMA = pa.schema([
    ("report_id", pa.string()), ("indicator", pa.string()), ("numerator", pa.float64()),
    ("denominator", pa.float64()), ("value", pa.float64()), ("small_denominator", pa.bool_()),
    ("blank_cells", pa.int32()),
])


def _sum(keys: tuple[str, ...], values: dict[str, float | None]) -> tuple[float | None, int]:
    """The signed sum of the keys present (blanks count as unknown), and how many cells were blank."""
    total, seen, blanks = 0.0, False, 0
    for pattern in keys:
        sign = -1.0 if pattern.startswith("-") else 1.0
        pattern = pattern.lstrip("-")
        matched = [k for k in values if fnmatchcase(k, pattern)] if "*" in pattern else (
            [pattern] if pattern in values else [])
        for key in matched:
            value = values[key]
            if value is None:
                blanks += 1
                continue
            total += sign * value
            seen = True
    return (total if seen else None), blanks


def indicator_rows(rid: str, values: dict[str, float | None], rules: tuple[IndicatorRule, ...],
                   small: float) -> list[dict]:
    rows = []
    for rule in rules:
        numerator, blank_n = _sum(rule.numerator, values)
        denominator, blank_d = _sum(rule.denominator, values) if rule.denominator else (None, 0)
        if rule.denominator:
            value = numerator / denominator if numerator is not None and denominator else None
            flag = denominator is not None and denominator < small
        else:
            value, flag = numerator, False
        if numerator is None and denominator is None:
            continue  # the report has none of the cells (a legacy report, a missing table)
        rows.append({"report_id": rid, "indicator": rule.id, "numerator": numerator, "denominator": denominator,
                     "value": value, "small_denominator": flag, "blank_cells": blank_n + blank_d})
    return rows


def indicators(cells: pd.DataFrame, config: AuditConfig) -> pa.Table:
    """Every indicator of ``configs/audit/indicators.toml`` for every report with table cells."""
    rows: list[dict] = []
    for rid, group in cells.groupby("report_id", sort=True):
        values = {k: (None if pd.isna(v) else float(v)) for k, v in zip(group["key"], group["value"])}
        rows.extend(indicator_rows(str(rid), values, config.indicators, config.small_denominator))
    return pa.Table.from_pylist(rows, schema=SCHEMA)
