"""Small corpora and output readers for the batch tests."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline.synth import write_corpus
from pipeline.tidy import SCHEMAS

OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory) -> Path:
    """Twelve generated reports, text and HTML, every edition."""
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, 12, seed=7, forms=("txt", "html"))
    return folder


def read_outputs(out: Path) -> dict[str, object]:
    """Every output as comparable Python values: each Parquet file in path order, the database tables, the README."""
    result: dict[str, object] = {"manifest": pq.read_table(out / "manifest.parquet").to_pylist(),
                                 "README.md": (out / "README.md").read_text(encoding="utf-8")}
    for name in SCHEMAS:
        files = sorted((out / name).rglob("*.parquet"))
        result[name] = [(str(f.relative_to(out)), pq.read_table(f).to_pylist()) for f in files]
    con = duckdb.connect(str(out / "gongkai.duckdb"), read_only=True)
    try:
        for name in ("manifest", *SCHEMAS):
            result[f"db.{name}"] = con.sql(f'SELECT * FROM "{name}"').fetchall()
        result["db.application_outcomes"] = con.sql("SELECT * FROM application_outcomes ORDER BY ALL").fetchall()
    finally:
        con.close()
    return result
