"""A file that hangs or kills a parser is recorded as failed, and the rest of its chunk goes on."""
from __future__ import annotations

import time

import pyarrow.parquet as pq
import pytest

from pipeline.batch import worker
from pipeline.batch.chunks import cut_chunks
from pipeline.batch.inputs import InputFile
from pipeline.batch.recovery import retry_after_death
from pipeline.batch.timelimit import TimeLimitExceeded, time_limit
from pipeline.batch.workdir import WorkDir


def test_time_limit_interrupts_a_busy_loop_and_leaves_no_pending_exception():
    start = time.monotonic()
    with pytest.raises(TimeLimitExceeded):
        with time_limit(0.2):
            while True:
                pass
    assert time.monotonic() - start < 2
    with time_limit(0.2):
        pass
    time.sleep(0.4)  # a limit that was not reached never fires later


def _chunk(files):
    return next(cut_chunks([InputFile(str(f)) for f in files], 10))


def _manifest(out, chunk):
    return pq.read_table(WorkDir(out).part("manifest", chunk.key)).to_pylist()


def test_a_hanging_file_fails_with_the_time_limit_and_the_next_file_is_done(small_corpus, tmp_path, monkeypatch):
    files = sorted(p for p in small_corpus.iterdir() if p.is_file())[:3]
    real = worker.extract

    def hangs_on_second(data, *, name, annotate):
        if name == str(files[1]):
            while True:
                pass
        return real(data, name=name, annotate=annotate)

    worker.process_chunk(worker.ChunkTask(_chunk(files[:1]), str(tmp_path / "warm"), None))  # rules and models loaded
    monkeypatch.setattr(worker, "extract", hangs_on_second)
    chunk = _chunk(files)
    summary = worker.process_chunk(worker.ChunkTask(chunk, str(tmp_path), 3))
    rows = _manifest(tmp_path, chunk)
    assert [r["status"] for r in rows] == ["ok", "failed", "ok"]
    assert rows[1]["error_code"] == "E100"
    assert summary.statuses == {"ok": 2, "failed": 1}


def test_a_worker_death_blames_the_file_it_was_on_and_the_retry_skips_it(small_corpus, tmp_path):
    files = sorted(p for p in small_corpus.iterdir() if p.is_file())[:3]
    work = WorkDir(tmp_path)
    work.prepare(fresh=False)
    chunk = _chunk(files)
    work.breadcrumb(chunk.key).write_text("0\n1\n", encoding="utf-8")  # died on the second file
    task = retry_after_death(worker.ChunkTask(chunk, str(tmp_path), 5), work, hung=False, reason="exit code -11", blind={})
    assert list(task.chunk.blamed) == [str(files[1])]
    assert work.load_crashes()[str(files[1])][0] == "E101"
    worker.process_chunk(task)
    rows = _manifest(tmp_path, chunk)
    assert [(r["status"], r["error_code"]) for r in rows] == [("ok", None), ("failed", "E101"), ("ok", None)]
