"""Local execution: one worker process per core, supervised.

The supervisor knows which chunk each worker holds, so a worker that dies
(a parser crash, the OOM killer) or stops making progress (a hang inside C
code, beyond the reach of the per-file time limit) is replaced and its chunk
retried with the culprit file blamed.  At most one chunk per worker is in
flight, so memory stays bounded whatever the corpus size.
"""
from __future__ import annotations

import multiprocessing as mp
import time
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait

from ..errors import Errors, GongkaiError
from . import forkserver
from .recovery import retry_after_death
from .tasks import ChunkSummary, ChunkTask, run_chunk
from .workdir import WorkDir

POLL_SECONDS = 0.5


def _serve(conn: Connection) -> None:
    """A worker's loop: tasks in, summaries out, until told to stop."""
    while True:
        task = conn.recv()
        if task is None:
            return
        try:
            conn.send(("ok", run_chunk(task)))
        except Exception:  # noqa: BLE001 - not a file's failure (those are recorded per file): the run must stop
            conn.send(("error", traceback.format_exc()))


@dataclass
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection
    task: ChunkTask | None = None
    since: float = 0.0
    killed_for_hanging: bool = field(default=False)


class LocalExecutor:
    """Runs chunk tasks on ``workers`` local processes; ``hang_seconds`` without progress on a file kills a worker."""

    def __init__(self, *, workers: int, hang_seconds: float | None) -> None:
        self.workers = workers
        self.hang_seconds = hang_seconds
        # workers start from a server that has already loaded the pipeline (see forkserver.py)
        self._context = forkserver.context()

    def map(self, tasks: Iterable[ChunkTask], work: WorkDir) -> Iterator[ChunkSummary]:
        pending = iter(tasks)
        retries: deque[ChunkTask] = deque()
        blind: dict[str, int] = {}
        pool = [self._start() for _ in range(self.workers)]
        exhausted = False
        try:
            while True:
                for worker in pool:
                    if worker.task is None:
                        task = retries.popleft() if retries else (None if exhausted else next(pending, None))
                        if task is None:
                            exhausted = True
                            continue
                        worker.task, worker.since, worker.killed_for_hanging = task, time.monotonic(), False
                        worker.conn.send(task)
                busy = [w for w in pool if w.task is not None]
                if not busy:
                    return
                wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=POLL_SECONDS)
                for index, worker in enumerate(pool):
                    if worker.task is None:
                        continue
                    message = self._receive(worker)
                    if message is not None:
                        kind, payload = message
                        if kind == "error":
                            raise GongkaiError(Errors.E106, reason=f"worker error on chunk {worker.task.chunk.key}:\n{payload}")
                        worker.task = None
                        yield payload
                    elif not worker.process.is_alive():
                        reason = f"exit code {worker.process.exitcode}"
                        retries.append(retry_after_death(worker.task, work, hung=worker.killed_for_hanging,
                                                         reason=reason, blind=blind))
                        worker.conn.close()
                        pool[index] = self._start()
                    else:
                        self._watch(worker, work)
        finally:
            for worker in pool:
                self._stop(worker)

    def _receive(self, worker: _Worker) -> tuple[str, object] | None:
        try:
            return worker.conn.recv() if worker.conn.poll() else None
        except (EOFError, OSError):
            return None

    def _watch(self, worker: _Worker, work: WorkDir) -> None:
        """Kill a worker whose current step has run past ``hang_seconds`` (the breadcrumb's age tells)."""
        if not self.hang_seconds or worker.task is None:
            return
        crumb = work.breadcrumb(worker.task.chunk.key)
        try:
            last = max(crumb.stat().st_mtime - time.time() + time.monotonic(), worker.since)
        except FileNotFoundError:
            last = worker.since
        if time.monotonic() - last > self.hang_seconds:
            worker.killed_for_hanging = True
            worker.process.kill()
            worker.process.join()

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(child,), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def _stop(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            try:
                worker.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
            worker.process.join(timeout=5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()
