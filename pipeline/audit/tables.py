"""The tidy tables the audit reads, from memory or from a batch run folder.

The audit only needs the tables, not where they came from: tests build them
with :func:`pipeline.tidy.tidy_rows`, the CLI reads them from ``RUN_DIR``.
"""
from __future__ import annotations

import json
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
    """Every Parquet file under ``folder`` (the batch partitions by year) but the audit's own."""
    files = sorted(p for p in folder.rglob("*.parquet") if p.name != AUDIT_FILE) if folder.is_dir() else []
    if not files:
        return _empty(name)
    return pa.concat_tables([_read_file(p, SCHEMAS[name]) for p in files]).to_pandas()


def _read_file(path: Path, schema: pa.Schema) -> pa.Table:
    """One part file; a column the batch moved into the folder name (``year=2021``) is put back."""
    table = pq.read_table(path)
    key, _, value = path.parent.name.partition("=")
    if key in schema.names and key not in table.column_names:
        known = value if value not in ("NULL", "__HIVE_DEFAULT_PARTITION__") else None
        table = table.append_column(key, pa.array([known] * table.num_rows, type=pa.string()))
    return table.select(schema.names).cast(schema)


def load_run(run_dir: Path) -> RunTables:
    """The batch's tables of ``run_dir``, without rows a previous audit added."""
    run_dir = Path(run_dir)
    if not (run_dir / "reports").is_dir():
        raise InputError(Errors.E090, path=run_dir, reason="no reports/ folder: not a gongkai batch output")
    frames = {name: _read_folder(run_dir / name, name) for name in TABLES}
    frames["checks"] = frames["checks"][~frames["checks"]["rule"].str.startswith(PREFIX)]
    manifest_path = run_dir / MANIFEST
    manifest = pq.read_table(manifest_path).to_pandas() if manifest_path.exists() else pd.DataFrame()
    return RunTables(**frames, manifest=given_metadata(manifest))


def given_metadata(manifest: pd.DataFrame) -> pd.DataFrame:
    """The batch manifest's ``given_*`` columns and ``given_extra`` JSON as plain columns
    (agency, year, region_code, url, and extras such as agency_type, level or region)."""
    if manifest.empty or "given_extra" not in manifest.columns:
        return manifest
    out = manifest.rename(columns={c: c.removeprefix("given_") for c in manifest.columns
                                   if c.startswith("given_") and c != "given_extra"})
    extra = pd.DataFrame([json.loads(x) if isinstance(x, str) else {} for x in out["given_extra"]], index=out.index)
    extra = extra[[c for c in extra.columns if c not in out.columns]]
    return pd.concat([out.drop(columns=["given_extra"]), extra], axis=1)
