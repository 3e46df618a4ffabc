"""The tidy tables the audit reads, from memory or from a batch run folder.

The audit only needs the tables, not where they came from: tests build them
with :func:`pipeline.tidy.tidy_rows`, the CLI reads them from ``RUN_DIR``.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import Errors, InputError
from ..tidy import SCHEMAS, TidyRows
from .findings import PREFIX

TABLES = ("reports", "sections", "paragraphs", "cells", "checks")
AUDIT_FILE = "audit.parquet"  # the audit's own file inside a table folder, rewritten on every run
MANIFEST = "manifest.parquet"


def _empty(name: str) -> pd.DataFrame:
    return SCHEMAS[name].empty_table().to_pandas()


@dataclass
class RunTables:
    """The batch tables of one run as DataFrames; ``manifest`` may add agency type, region, level, url."""

    reports: pd.DataFrame = field(default_factory=lambda: _empty("reports"))
    sections: pd.DataFrame = field(default_factory=lambda: _empty("sections"))
    paragraphs: pd.DataFrame = field(default_factory=lambda: _empty("paragraphs"))
    cells: pd.DataFrame = field(default_factory=lambda: _empty("cells"))
    checks: pd.DataFrame = field(default_factory=lambda: _empty("checks"))
    manifest: pd.DataFrame = field(default_factory=pd.DataFrame)

    @classmethod
    def from_rows(cls, rows: Iterable[TidyRows], manifest: pd.DataFrame | None = None) -> RunTables:
        rows = list(rows)
        frames = {name: pa.Table.from_pylist([r for t in rows for r in getattr(t, name)], schema=SCHEMAS[name])
                  .to_pandas() for name in TABLES}
        return cls(**frames, manifest=manifest if manifest is not None else pd.DataFrame())


def _read_folder(folder: Path, name: str) -> pd.DataFrame:
    files = sorted(p for p in folder.glob("*.parquet") if p.name != AUDIT_FILE) if folder.is_dir() else []
    if not files:
        return _empty(name)
    table = pa.concat_tables([pq.read_table(p).select(SCHEMAS[name].names).cast(SCHEMAS[name]) for p in files])
    return table.to_pandas()


def load_run(run_dir: Path) -> RunTables:
    """The batch's tables of ``run_dir``, without rows a previous audit added."""
    run_dir = Path(run_dir)
    if not (run_dir / "reports").is_dir():
        raise InputError(Errors.E090, path=run_dir, reason="no reports/ folder: not a gongkai batch output")
    frames = {name: _read_folder(run_dir / name, name) for name in TABLES}
    frames["checks"] = frames["checks"][~frames["checks"]["rule"].str.startswith(PREFIX)]
    manifest_path = run_dir / MANIFEST
    manifest = pq.read_table(manifest_path).to_pandas() if manifest_path.exists() else pd.DataFrame()
    return RunTables(**frames, manifest=manifest)
