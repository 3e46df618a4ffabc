"""Compaction: the part files of every chunk become the run's outputs, in input order.

Outputs are rebuilt from the parts in full each time, so a run interrupted
during compaction simply compacts again, and a resumed run gives exactly the
outputs of an uninterrupted one.  DuckDB does the work out of core (bounded
memory, spilling to ``DIR/.work/tmp``).

Every statement keeps input order, and such a statement keeps about one core
busy however many threads DuckDB gives it; so each statement gets one, and the
tables are filled side by side, each on its own connection, and each year's
Parquet file is written on its own as soon as its table is full.  (DuckDB's
``PARTITION_BY`` would write all years in one statement, but in no fixed order
with more than one thread, at twice the cost and memory.)
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from ..configs import load_toml
from ..tidy import SCHEMAS
from .workdir import WorkDir

DATABASE = "gongkai.duckdb"
MEMORY_LIMIT = "512MB"
# At most this many statements at a time: each buffers a row group of Parquet output (tens of MB),
# and all of them share the memory limit.
MAX_STATEMENTS = 4
UNKNOWN_YEAR = "__HIVE_DEFAULT_PARTITION__"   # Hive's name for a null partition value, which readers map back to null


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
    """Write DIR/manifest.parquet, DIR/<table>/year=*/..., DIR/gongkai.duckdb (and DIR/jsonl/) from the parts,
    on ``threads`` cores."""
    staging = work.tmp / "outputs"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    database = staging / DATABASE
    con = duckdb.connect(str(database))
    try:
        con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        # one thread per statement (see above): more only contend with the statements running beside it
        con.execute("SET threads = 1")
        con.execute("SET preserve_insertion_order = true")
        con.execute("SET temp_directory = ?", [str(work.tmp / "duckdb")])
        statements = min(max(1, threads), MAX_STATEMENTS)
        extracted_duplicates = _manifest(con, [work.part("manifest", k) for k in chunk_keys])
        _tables(con, {name: [work.part(name, k) for k in chunk_keys] for name in SCHEMAS}, staging,
                filtered=extracted_duplicates, statements=statements)
        con.execute("COPY manifest TO ? (FORMAT parquet, COMPRESSION zstd)", [str(staging / "manifest.parquet")])
        for view in load_toml("batch", "views.toml")["view"]:
            con.execute(f'CREATE VIEW "{view["id"]}" AS {view["sql"]}')
        if jsonl:
            (staging / "jsonl").mkdir()
            with ThreadPoolExecutor(statements) as pool:
                copies = [pool.submit(_write_jsonl, con.cursor(), name, staging / "jsonl" / f"{name}.jsonl")
                          for name in ("manifest", *SCHEMAS)]
                for copy in copies:
                    copy.result()
    finally:
        con.close()
    return _publish(staging, work.out, jsonl=jsonl)


def _manifest(con: duckdb.DuckDBPyConnection, parts: list[Path]) -> bool:
    """The manifest, with the run-wide duplicate rule: the first input with given bytes is the report, later ones duplicates.

    True when a duplicate was extracted (it was in another chunk than its first), so its rows must be dropped.
    """
    con.execute("CREATE TEMP TABLE raw_manifest AS SELECT * FROM read_parquet(?)", [[str(p) for p in parts]])
    # not TEMP: the connections that fill the tables read it, and a temporary table is seen by its own only
    con.execute("""
        CREATE TABLE firsts AS
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


def _tables(con: duckdb.DuckDBPyConnection, parts: dict[str, list[Path]], staging: Path, *, filtered: bool,
            statements: int) -> None:
    """Fill every tidy table from its parts and write its Parquet files, ``statements`` at a time."""
    for name, files in parts.items():
        # every part of a table has its schema: the first one gives it
        con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM read_parquet(?) LIMIT 0', [str(files[0])])
        (staging / name).mkdir()
    # most values first, so that the last statements to finish are short ones; the first chunk tells the
    # tables' shares (reading every part's footer would cost thousands of file opens on a large corpus)
    largest_first = sorted(parts, key=lambda name: -_values(parts[name][0]))
    with ThreadPoolExecutor(statements) as pool:
        fills = {pool.submit(_fill, con.cursor(), name, parts[name], filtered=filtered): name for name in largest_first}
        writes = []
        for fill in as_completed(fills):
            fill.result()
            name = fills[fill]
            years = [y for (y,) in con.execute(f'SELECT DISTINCT _year FROM "{name}" ORDER BY _year').fetchall()]
            writes += [pool.submit(_write_year, con.cursor(), name, year, staging / name) for year in years]
        for write in writes:
            write.result()
    for name in parts:
        for column in ("_input", "_year"):
            con.execute(f'ALTER TABLE "{name}" DROP COLUMN {column}')
    con.execute("DROP TABLE firsts")


def _values(part: Path) -> int:
    """Rows times columns of a part file (read from its footer): its table's share of the work."""
    meta = pq.read_metadata(part)
    return meta.num_rows * meta.num_columns


def _fill(cursor: duckdb.DuckDBPyConnection, name: str, parts: list[Path], *, filtered: bool) -> None:
    """A tidy table's rows: first occurrences only, in input order.

    The parts are listed in chunk order and each holds its rows in input order, so with
    ``preserve_insertion_order`` a plain scan yields input order, and a sort (which would cost
    more than the rest of compaction) is needed only when duplicates' rows are filtered out,
    because that filter is a join, which does not keep the order.
    """
    scan = ("SELECT * EXCLUDE (file_row_number) FROM read_parquet(?, file_row_number = true) "
            "WHERE _input IN (SELECT first FROM firsts) ORDER BY _input, file_row_number") if filtered else \
        "SELECT * FROM read_parquet(?)"
    with cursor:
        cursor.execute(f'INSERT INTO "{name}" {scan}', [[str(p) for p in parts]])


def _write_year(cursor: duckdb.DuckDBPyConnection, name: str, year: int | None, folder: Path) -> None:
    """``folder/year=YYYY/data_0.parquet``: a table's rows of one year, in input order, without the year (the folder has it)."""
    target = folder / f"year={UNKNOWN_YEAR if year is None else year}"
    target.mkdir()
    hidden = "_input, _year, year" if "year" in SCHEMAS[name].names else "_input, _year"
    where = "_year IS NULL" if year is None else f"_year = {int(year)}"
    with cursor:
        cursor.execute(f'COPY (SELECT * EXCLUDE ({hidden}) FROM "{name}" WHERE {where}) TO ? (FORMAT parquet, COMPRESSION zstd)',
                       [str(target / "data_0.parquet")])


def _write_jsonl(cursor: duckdb.DuckDBPyConnection, name: str, path: Path) -> None:
    with cursor:
        cursor.execute(f'COPY "{name}" TO ? (FORMAT json)', [str(path)])


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
