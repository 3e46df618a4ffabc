"""A corpus with broken, unsupported, duplicate and foreign files: every file lands in the manifest with the right status."""
from __future__ import annotations

import shutil

import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline.batch import BatchOptions, run

from .conftest import OLE_MAGIC


@pytest.fixture(scope="module")
def broken_run(small_corpus, tmp_path_factory):
    corpus = tmp_path_factory.mktemp("broken")
    reports = sorted(p for p in small_corpus.iterdir() if p.is_file())[:4]
    for p in reports:
        shutil.copy(p, corpus / p.name)
    (corpus / "copies").mkdir()
    shutil.copy(reports[0], corpus / "copies" / ("again" + reports[0].suffix))
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "garbage.txt").write_bytes(bytes(range(256)) * 40)
    (corpus / "old.doc").write_bytes(OLE_MAGIC + b"\0" * 2000)
    (corpus / "kingsoft.wps").write_bytes(OLE_MAGIC + b"\1" * 2000)
    (corpus / "notes.txt").write_text("会议通知：请于周一到会议室开会。\n" * 5, encoding="utf-8")
    (corpus / "scan.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 50)
    (corpus / "photo.png").write_bytes(b"\x89PNG\r\n")
    (corpus / "meta.json").write_text("{}", encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    result = run([corpus], out, options=BatchOptions(workers=2, chunk_size=3, time_limit=30))
    manifest = {row["path"][len(str(corpus)) + 1:]: row for row in pq.read_table(result.outputs.manifest).to_pylist()}
    return result, manifest, [p.name for p in reports]


def test_every_report_or_office_file_is_in_the_manifest_and_nothing_else(broken_run):
    _, manifest, reports = broken_run
    expected = set(reports) | {"copies/again" + reports[0][reports[0].rindex("."):], "empty.txt", "garbage.txt",
                               "old.doc", "kingsoft.wps", "notes.txt", "scan.pdf"}
    assert set(manifest) == expected


def test_each_file_gets_its_status(broken_run):
    _, manifest, reports = broken_run
    status = {path: row["status"] for path, row in manifest.items()}
    assert all(status[r] == "ok" for r in reports)
    assert status["old.doc"] == status["kingsoft.wps"] == "unsupported"
    assert status["notes.txt"] == "not_a_report"
    assert status["empty.txt"] == "failed" and manifest["empty.txt"]["error_code"] == "E003"
    assert status["garbage.txt"] == "failed" and manifest["garbage.txt"]["error"]
    assert status["scan.pdf"] in ("failed", "needs_ocr")


def test_a_copy_is_a_duplicate_of_the_first_file_and_adds_no_rows(broken_run):
    result, manifest, reports = broken_run
    copy = next(row for path, row in manifest.items() if path.startswith("copies/"))
    original = manifest[reports[0]]
    assert copy["status"] == "duplicate" and copy["duplicate_of"] == original["path"]
    assert copy["report_id"] == original["report_id"]
    con = duckdb.connect(str(result.outputs.database), read_only=True)
    assert con.execute("SELECT count(*) FROM reports WHERE report_id = ?", [original["report_id"]]).fetchone() == (1,)
    assert con.execute("SELECT source FROM reports WHERE report_id = ?", [original["report_id"]]).fetchone() == (original["path"],)


def test_totals_count_every_file_once(broken_run):
    result, manifest, _ = broken_run
    assert sum(result.totals.values()) == len(manifest)
    assert result.totals["ok"] == 4 and result.totals["duplicate"] == 1


def test_tables_hold_rows_of_ok_reports_only(broken_run):
    result, manifest, _ = broken_run
    ok_ids = {row["report_id"] for row in manifest.values() if row["status"] == "ok"}
    con = duckdb.connect(str(result.outputs.database), read_only=True)
    for table in ("paragraphs", "cells", "figures", "checks"):
        ids = {r[0] for r in con.sql(f"SELECT DISTINCT report_id FROM {table}").fetchall()}
        assert ids and ids <= ok_ids, table
    labelled = con.execute("SELECT count(*) FROM paragraphs WHERE kind = 'prose' AND labels IS NULL").fetchone()
    assert labelled == (0,)
