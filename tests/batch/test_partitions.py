"""The Parquet outputs: one folder per year (Hive style, an unknown year included), the year in the path only."""
from __future__ import annotations

import shutil

import duckdb
import pyarrow.parquet as pq

from pipeline.batch import BatchOptions, run

NO_YEAR = """某某县审计局政府信息公开工作年度报告
一、总体情况
本局主动公开政府信息30条。
五、存在的主要问题及改进情况
信息更新不够及时。
"""


def test_each_year_has_its_folder_and_the_files_hold_every_row_once(small_corpus, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in sorted(p for p in small_corpus.iterdir() if p.is_file())[:3]:
        shutil.copy(p, corpus / p.name)
    (corpus / "no-year.txt").write_text(NO_YEAR, encoding="utf-8")
    outputs = run([corpus], tmp_path / "out", options=BatchOptions(workers=2, chunk_size=1)).outputs
    con = duckdb.connect(str(outputs.database), read_only=True)
    try:
        [(unknown,)] = con.execute("SELECT report_id FROM reports WHERE year IS NULL").fetchall()
        for table, folder in outputs.tables.items():
            files = sorted(folder.glob("year=*/data_0.parquet"))
            assert all("year" not in pq.read_schema(f).names for f in files), table
            from_files = con.sql(f"SELECT * EXCLUDE (year), year FROM read_parquet('{folder}/*/*.parquet', hive_partitioning = true)"
                                 " ORDER BY ALL").fetchall()
            in_database = con.sql(f'SELECT t.* EXCLUDE (year), r.year FROM "{table}" t JOIN reports r USING (report_id) ORDER BY ALL'
                                  if table == "reports" else
                                  f'SELECT t.*, r.year FROM "{table}" t JOIN reports r USING (report_id) ORDER BY ALL').fetchall()
            assert from_files == in_database, table
        unknown_files = [f.parent.name for f in outputs.tables["paragraphs"].glob("year=*/*.parquet")]
        assert "year=__HIVE_DEFAULT_PARTITION__" in unknown_files
        assert [r for (r,) in con.sql(
            f"SELECT DISTINCT report_id FROM read_parquet('{outputs.tables['paragraphs']}/*/*.parquet', hive_partitioning = true)"
            " WHERE year IS NULL").fetchall()] == [unknown]
    finally:
        con.close()
