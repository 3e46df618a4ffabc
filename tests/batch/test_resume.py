"""kill -9 in the middle of a run, restart with the same command: the outputs equal a clean run's."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pipeline.batch import BatchOptions, run

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
