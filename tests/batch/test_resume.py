"""kill -9 in the middle of a run, restart with the same command: the outputs equal a clean run's."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline.batch import BatchOptions, run
from pipeline.batch.driver import chunk_size_for

from .conftest import read_outputs

GONGKAI = Path(sys.executable).with_name("gongkai")


def _command(corpus: Path, out: Path) -> list[str]:
    return [str(GONGKAI), "batch", str(corpus), "--out", str(out), "--workers", "2", "--chunk-size", "1", "--quiet"]


def _done_parts(out: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in (out / ".work" / "parts" / "manifest").glob("*.parquet")}


def test_killed_run_restarted_gives_the_outputs_of_a_clean_run(small_corpus, tmp_path):
    clean = run([small_corpus], tmp_path / "clean", options=BatchOptions(workers=2, chunk_size=1))
    out = tmp_path / "killed"
    process = subprocess.Popen(_command(small_corpus, out), start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while len(_done_parts(out)) < 3 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert process.poll() is None, "the run finished before it could be killed: " + process.stderr.read().decode()
    os.killpg(process.pid, signal.SIGKILL)  # the driver and its workers, as a lost machine would
    process.wait()
    survived = _done_parts(out)
    assert 3 <= len(survived) < 12
    assert not (out / "manifest.parquet").exists()

    finished = subprocess.run(_command(small_corpus, out), capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert "12 files: 12 ok" in finished.stdout
    # chunks finished before the kill were not redone
    assert {p: t for p, t in _done_parts(out).items() if p in survived} == survived
    assert read_outputs(out) == read_outputs(clean.outputs.out)


def test_rerun_of_a_finished_run_changes_nothing(small_corpus, tmp_path):
    options = BatchOptions(workers=1, chunk_size=5)
    first = run([small_corpus], tmp_path / "out", options=options)
    before = read_outputs(first.outputs.out)
    parts = _done_parts(first.outputs.out)
    second = run([small_corpus], tmp_path / "out", options=options)
    assert second.totals == first.totals == {"ok": 12}
    assert _done_parts(second.outputs.out) == parts
    assert read_outputs(second.outputs.out) == before


@pytest.mark.parametrize("with_copy", [False, True], ids=["no-duplicates", "a-duplicate-in-a-later-chunk"])
def test_outputs_keep_input_order_whatever_order_chunks_finish_in(small_corpus, tmp_path, with_copy):
    corpus = tmp_path / "corpus"
    shutil.copytree(small_corpus, corpus)
    if with_copy:
        # extracted in its own chunk, then dropped at compaction: the one case that needs a sort
        shutil.copy(sorted(corpus.glob("*.txt"))[0], corpus / "zz-copy.txt")
    result = run([corpus], tmp_path / "out", options=BatchOptions(workers=2, chunk_size=1))
    assert result.totals == ({"ok": 12, "duplicate": 1} if with_copy else {"ok": 12})
    con = duckdb.connect(str(result.outputs.database), read_only=True)
    try:
        inputs = [rid for (rid,) in con.sql("SELECT report_id FROM manifest WHERE status = 'ok' ORDER BY input_index").fetchall()]
        year_of = dict(con.sql("SELECT report_id, coalesce(CAST(year AS VARCHAR), '__HIVE_DEFAULT_PARTITION__') FROM reports").fetchall())
        years = {}
        for table in ("reports", "cells", "paragraphs"):
            rows = [rid for (rid,) in con.sql(f'SELECT report_id FROM "{table}"').fetchall()]
            years[table] = [year_of[r] for r in rows]
            ids = list(dict.fromkeys(rows))
            # legacy-edition reports have no cells: the order is that of the inputs with rows
            assert len(ids) > 6 and ids == [rid for rid in inputs if rid in set(ids)], table
            # each report's rows are contiguous and appear once, the copy's included only once
            assert sum(1 for a, b in zip(rows, rows[1:]) if a != b) == len(ids) - 1, table
            # and each year's Parquet file holds that year's rows in the same order
            for path in sorted((result.outputs.tables[table]).glob("year=*/*.parquet")):
                year = path.parent.name.removeprefix("year=")
                in_file = pq.read_table(path, columns=["report_id"]).column("report_id").to_pylist()
                assert in_file == [r for r, y in zip(rows, years[table]) if y == year], path
    finally:
        con.close()


def test_default_chunk_size_splits_small_corpora_and_caps_large_ones():
    assert [chunk_size_for(n) for n in (1, 31, 64, 3200, 6400, 10**6)] == [1, 1, 2, 100, 200, 200]
