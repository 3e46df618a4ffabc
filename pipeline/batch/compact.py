"""Compaction: the part files of every chunk become the run's outputs, in input order.

Outputs are rebuilt from the parts in full each time, so a run interrupted
during compaction simply compacts again, and a resumed run gives exactly the
outputs of an uninterrupted one.  DuckDB does the work out of core (bounded
memory, spilling to ``DIR/.work/tmp``).
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ..configs import load_toml
from ..tidy import SCHEMAS
from .workdir import WorkDir

DATABASE = "gongkai.duckdb"
MEMORY_LIMIT = "512MB"


@dataclass(frozen=True)
class Outputs:
    """Where a run's outputs are."""

    out: Path
    manifest: Path
    tables: dict[str, Path]
    database: Path
    readme: Path
    jsonl: dict[str, Path]


def compact(work: WorkDir, chunk_keys: Sequence[str], *, jsonl: bool, threads: int) -> Outputs:
    """Write DIR/manifest.parquet, DIR/<table>/year=*/..., DIR/gongkai.duckdb (and DIR/jsonl/) from the parts."""
    staging = work.tmp / "outputs"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    database = staging / DATABASE
    con = duckdb.connect(str(database))
    try:
        con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        con.execute(f"SET threads = {max(1, threads)}")
        con.execute("SET preserve_insertion_order = true")
        con.execute("SET temp_directory = ?", [str(work.tmp / "duckdb")])
        extracted_duplicates = _manifest(con, [work.part("manifest", k) for k in chunk_keys])
        for name in SCHEMAS:
            _table(con, name, [work.part(name, k) for k in chunk_keys], staging / name, filtered=extracted_duplicates)
        con.execute("COPY manifest TO ? (FORMAT parquet, COMPRESSION zstd)", [str(staging / "manifest.parquet")])
        for view in load_toml("batch", "views.toml")["view"]:
            con.execute(f'CREATE VIEW "{view["id"]}" AS {view["sql"]}')
        if jsonl:
            (staging / "jsonl").mkdir()
            for name in ("manifest", *SCHEMAS):
                con.execute(f'COPY "{name}" TO ? (FORMAT json)', [str(staging / "jsonl" / f"{name}.jsonl")])
    finally:
        con.close()
    return _publish(staging, work.out, jsonl=jsonl)


def _manifest(con: duckdb.DuckDBPyConnection, parts: list[Path]) -> bool:
    """The manifest, with the run-wide duplicate rule: the first input with given bytes is the report, later ones duplicates.

    True when a duplicate was extracted (it was in another chunk than its first), so its rows must be dropped.
    """
    con.execute("CREATE TEMP TABLE raw_manifest AS SELECT * FROM read_parquet(?)", [[str(p) for p in parts]])
    con.execute("""
        CREATE TEMP TABLE firsts AS
        SELECT report_id, min(input_index) AS first FROM raw_manifest WHERE report_id IS NOT NULL GROUP BY report_id
    """)
    con.execute("""
        CREATE TABLE manifest AS
        SELECT m.input_index, m.path, m.size, m.report_id,
               CASE WHEN dup THEN 'duplicate' ELSE m.status END AS status,
               CASE WHEN dup THEN NULL ELSE m.error_code END AS error_code,
               CASE WHEN dup THEN NULL ELSE m.error END AS error,
               CASE WHEN dup THEN fm.path END AS duplicate_of,
               m.given_agency, m.given_region_code, m.given_year, m.given_url, m.given_extra
        FROM (SELECT *, EXISTS (SELECT 1 FROM firsts f WHERE f.report_id = r.report_id AND f.first < r.input_index) AS dup
              FROM raw_manifest r) m
        LEFT JOIN firsts f ON f.report_id = m.report_id
        LEFT JOIN raw_manifest fm ON fm.input_index = f.first
        ORDER BY m.input_index
    """)
    (extracted,) = con.execute("""
        SELECT count(*) FROM raw_manifest
        WHERE report_id IS NOT NULL AND status <> 'duplicate' AND input_index NOT IN (SELECT first FROM firsts)
    """).fetchone()
    return extracted > 0


def _table(con: duckdb.DuckDBPyConnection, name: str, parts: list[Path], folder: Path, *, filtered: bool) -> None:
    """A tidy table: rows of first occurrences only, in input order; Parquet partitioned by the report's year.

    The parts are listed in chunk order and each holds its rows in input order, so with
    ``preserve_insertion_order`` a plain scan yields input order, and a sort (which would cost
    more than the rest of compaction) is needed only when duplicates' rows are filtered out,
    because that filter is a join, which does not keep the order.
    """
    scan = ("SELECT * EXCLUDE (file_row_number) FROM read_parquet(?, file_row_number = true) "
            "WHERE _input IN (SELECT first FROM firsts) ORDER BY _input, file_row_number") if filtered else \
        "SELECT * FROM read_parquet(?)"
    con.execute(f'CREATE TABLE "{name}" AS {scan}', [[str(p) for p in parts]])
    year = "" if name == "reports" else ", _year AS year"
    folder.mkdir()
    con.execute(f"""
        COPY (SELECT * EXCLUDE (_input, _year){year} FROM "{name}")
        TO ? (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (year), OVERWRITE_OR_IGNORE true)
    """, [str(folder)])
    for column in ("_input", "_year"):
        con.execute(f'ALTER TABLE "{name}" DROP COLUMN {column}')


def _publish(staging: Path, out: Path, *, jsonl: bool) -> Outputs:
    """Move the staged outputs into DIR, replacing those of an earlier compaction."""
    names = ["manifest.parquet", DATABASE, *SCHEMAS] + (["jsonl"] if jsonl else [])
    for name in names:
        target = out / name
        if target.is_dir():
            shutil.rmtree(target)
        os.replace(staging / name, target)
    return Outputs(
        out=out, manifest=out / "manifest.parquet", tables={n: out / n for n in SCHEMAS}, database=out / DATABASE,
        readme=out / "README.md", jsonl={n: out / "jsonl" / f"{n}.jsonl" for n in ("manifest", *SCHEMAS)} if jsonl else {},
    )
