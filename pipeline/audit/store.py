"""Writing an audit into a batch run folder (Parquet and DuckDB), replacing any earlier audit.

The batch's own rows are never touched: audit findings go to files of their
own inside ``checks/`` and to rows whose rule starts with ``audit.`` in the
DuckDB ``checks`` table, so running the audit again gives the same tables.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import Errors, InputError
from .auditor import AuditResult, audit
from .findings import PREFIX
from .tables import AUDIT_FILE, load_run

DATABASE = "gongkai.duckdb"
OWN_TABLES = ("indicators", "audit_passages")


def _by_year(folder: Path, table: pa.Table, years: dict[str, int | None]) -> None:
    """``table`` under ``folder/year=<y>/``, the batch's partitioning, keyed by the report's year."""
    year = pa.array([years.get(r) for r in table.column("report_id").to_pylist()], type=pa.int32())
    for value in sorted(set(year.to_pylist()), key=lambda y: (y is None, y or 0)):
        mask = pa.compute.is_null(year) if value is None else pa.compute.equal(year, value)
        part = folder / f"year={'NULL' if value is None else value}"
        part.mkdir(parents=True, exist_ok=True)
        pq.write_table(table.filter(mask), part / AUDIT_FILE, compression="zstd")


def write_audit(run_dir: Path, result: AuditResult, years: dict[str, int | None]) -> None:
    run_dir = Path(run_dir)
    for old in (run_dir / "checks").rglob(AUDIT_FILE):
        old.unlink()
    for name in OWN_TABLES:
        shutil.rmtree(run_dir / name, ignore_errors=True)
    _by_year(run_dir / "checks", result.findings, years)
    _by_year(run_dir / "indicators", result.indicators, years)
    _by_year(run_dir / "audit_passages", result.passages, years)
    database = run_dir / DATABASE
    try:
        con = duckdb.connect(str(database))
    except duckdb.Error as e:
        raise InputError(Errors.E090, path=database, reason=str(e)) from e
    try:
        findings, indicators, passages = result.findings, result.indicators, result.passages  # noqa: F841 (read by DuckDB)
        con.execute("BEGIN")
        con.execute(f"DELETE FROM checks WHERE rule LIKE '{PREFIX}%'")
        con.execute("INSERT INTO checks BY NAME SELECT * FROM findings")
        con.execute("CREATE OR REPLACE TABLE indicators AS SELECT * FROM indicators")
        con.execute("CREATE OR REPLACE TABLE audit_passages AS SELECT * FROM passages")
        con.execute("COMMIT")
    finally:
        con.close()


def audit_run(run_dir: Path, previous: Path | None = None) -> AuditResult:
    """Audit the batch output in ``run_dir`` (with last year's reports from ``previous``) and write it there."""
    run = load_run(run_dir)
    if not (Path(run_dir) / DATABASE).exists():
        raise InputError(Errors.E090, path=run_dir, reason=f"no {DATABASE}: not a gongkai batch output")
    result = audit(run, load_run(previous) if previous is not None else None)
    years = {r: (None if pd.isna(y) else int(y)) for r, y in zip(run.reports["report_id"], run.reports["year"])}
    write_audit(run_dir, result, years)
    return result
