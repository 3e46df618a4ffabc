"""A finding of the audit: one row of the run's ``checks`` table (same schema as the batch's own)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

import pyarrow as pa

from ..tidy import SCHEMAS

PREFIX = "audit."


@dataclass(frozen=True)
class Finding:
    """``status`` is ``pass``, ``fail`` or ``uncertain``; ``cells`` and both sides are the evidence."""

    report_id: str
    rule: str
    status: str
    message: str
    cells: tuple[str, ...] = ()
    left: float | None = None
    right: float | None = None
    difference: float | None = None


def findings_table(findings: Iterable[Finding]) -> pa.Table:
    rows = [{**asdict(f), "cells": list(f.cells)} for f in findings]
    return pa.Table.from_pylist(rows, schema=SCHEMAS["checks"])
