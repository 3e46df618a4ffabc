"""The driver of a corpus run (``run``): a corpus in, tidy tables out; resumable, parallel, local or on Dask."""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from ..errors import Errors, GongkaiError
from .chunks import Chunk, cut_chunks
from .compact import Outputs, compact
from .dictionary import render_readme
from .inputs import count_inputs, iter_inputs
from .tasks import ChunkTask
from .workdir import WorkDir


@dataclass(frozen=True)
class BatchOptions:
    """How to run; none of these change the outputs (except ``jsonl``, which adds some)."""

    workers: int | None = None          # None: every local core (or, with dask, the cluster's workers)
    dask: str | None = None             # None: local processes; "local": a Dask LocalCluster; else a scheduler address
    time_limit: float | None = 60.0     # seconds per file; None: no limit
    chunk_size: int | None = None       # files per chunk (unit of work and of resumption); None: see chunk_size_for
    jsonl: bool = False
    fresh: bool = False                 # discard the work log of an earlier run instead of resuming it

    def validated(self) -> "BatchOptions":
        if self.workers is not None and self.workers < 1:
            raise GongkaiError(Errors.E050, name="workers", value=self.workers, reason="must be 1 or more")
        if self.chunk_size is not None and self.chunk_size < 1:
            raise GongkaiError(Errors.E050, name="chunk_size", value=self.chunk_size, reason="must be 1 or more")
        if self.time_limit is not None and self.time_limit <= 0:
            raise GongkaiError(Errors.E050, name="time_limit", value=self.time_limit, reason="must be positive")
        return self


MAX_CHUNK = 200


def chunk_size_for(files: int) -> int:
    """The default chunk size: large chunks amortise each chunk's part files and syncs (~15 ms), but a
    corpus should still split into 32 or more chunks so that every worker has work until near the end.
    It depends on the number of files only, so a resumed run cuts the same chunks whatever its workers."""
    return max(1, min(MAX_CHUNK, files // 32))


@dataclass(frozen=True)
class Progress:
    """Where a run stands: files accounted for out of all, and bytes read (resumed chunks count as done)."""

    files_done: int
    files_total: int
    bytes_done: int
    resumed: int


@dataclass(frozen=True)
class BatchResult:
    outputs: Outputs
    totals: dict[str, int] = field(default_factory=dict)   # files per manifest status


def run(inputs: Iterable[str | os.PathLike[str]], out: str | os.PathLike[str], *,
        options: BatchOptions = BatchOptions(), progress: Callable[[Progress], None] | None = None) -> BatchResult:
    """Process every input file into the tidy tables under ``out``; a rerun resumes where an earlier one stopped."""
    options = options.validated()
    inputs = [str(i) for i in inputs]
    if not inputs:
        raise GongkaiError(Errors.E103, input="", reason="no inputs given")
    work = WorkDir(Path(out))
    work.out.mkdir(parents=True, exist_ok=True)
    if work.out.is_file():
        raise GongkaiError(Errors.E105, path=work.out, reason="is a file")
    work.work.mkdir(exist_ok=True)
    with work.lock():
        work.prepare(fresh=options.fresh)
        total = count_inputs(inputs)
        if total == 0:
            raise GongkaiError(Errors.E103, input=" ".join(inputs), reason="no report files (.txt .html .htm .docx .pdf) or office files found")
        tracker = _Tracker(total, progress)
        keys: list[str] = []
        tasks = _tasks(inputs, work, options.chunk_size or chunk_size_for(total), options.time_limit, keys, tracker)
        workers = options.workers or os.cpu_count() or 1
        executor = _executor(options, workers)
        for summary in executor.map(tasks, work):
            tracker.add(summary.files, summary.bytes)
        outputs = compact(work, keys, jsonl=options.jsonl, threads=workers)
        totals = _totals(outputs)
        outputs.readme.write_text(render_readme(totals), encoding="utf-8")
    return BatchResult(outputs, totals)


class _Tracker:
    def __init__(self, total: int, callback: Callable[[Progress], None] | None) -> None:
        self.total, self.callback = total, callback
        self.files = self.bytes = self.resumed = 0
        self._emit()

    def add(self, files: int, size: int, *, resumed: bool = False) -> None:
        self.files += files
        self.bytes += size
        self.resumed += files if resumed else 0
        self._emit()

    def _emit(self) -> None:
        if self.callback:
            self.callback(Progress(self.files, self.total, self.bytes, self.resumed))


def _tasks(inputs: list[str], work: WorkDir, chunk_size: int, time_limit: float | None, keys: list[str],
           tracker: _Tracker) -> Iterator[ChunkTask]:
    """Tasks for the chunks not done yet, streamed; done chunks are counted as resumed."""
    crashes = work.load_crashes()
    for chunk in cut_chunks(iter_inputs(inputs), chunk_size):
        keys.append(chunk.key)
        if work.is_done(chunk.key):
            part = pq.read_table(work.part("manifest", chunk.key), columns=["size"])
            tracker.add(part.num_rows, sum(s or 0 for s in part.column("size").to_pylist()), resumed=True)
            continue
        yield ChunkTask(_with_blame(chunk, crashes), str(work.out), time_limit)


def _with_blame(chunk: Chunk, crashes: dict[str, tuple[str, str]]) -> Chunk:
    blamed = {f.path: crashes[f.path] for f in chunk.files if f.path in crashes}
    return Chunk(chunk.key, chunk.start, chunk.files, blamed) if blamed else chunk


def _executor(options: BatchOptions, workers: int):
    if options.dask:
        from .distributed import DaskExecutor

        return DaskExecutor(options.dask, workers=workers)
    from .local import LocalExecutor

    hang = 2 * options.time_limit + 30 if options.time_limit else None
    return LocalExecutor(workers=workers, hang_seconds=hang)


def _totals(outputs: Outputs) -> dict[str, int]:
    counts = duckdb.sql(f"SELECT status, count(*) FROM read_parquet('{outputs.manifest}') GROUP BY status").fetchall()
    return dict(Counter({status: n for status, n in counts}))
