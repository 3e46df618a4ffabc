"""What to do when a worker dies or hangs on a chunk: blame the file it was on, and try the chunk again."""
from __future__ import annotations

from dataclasses import replace

from ..errors import Errors, GongkaiError
from .tasks import ChunkTask
from .workdir import WorkDir

MAX_BLIND_RETRIES = 3


def retry_after_death(task: ChunkTask, work: WorkDir, *, hung: bool, reason: str, blind: dict[str, int]) -> ChunkTask:
    """The task to run next for a chunk whose worker died (or was killed for hanging).

    The breadcrumb names the step the worker was on: a file (blamed, recorded
    in the crash journal, and skipped from now on) or the chunk-wide label
    step (the chunk is redone one report at a time, which names the file on
    the next death).  With no breadcrumb the chunk is retried a few times.
    """
    chunk = task.chunk
    mark = work.last_breadcrumb(chunk.key)
    if mark is not None and mark.isdigit():
        path = chunk.files[int(mark)].path
        error = (GongkaiError(Errors.E100, path=path, seconds=task.time_limit) if hung
                 else GongkaiError(Errors.E101, path=path, reason=reason))
        work.record_crash(path, error.code, str(error))
        return replace(task, chunk=replace(chunk, blamed={**chunk.blamed, path: (error.code, str(error))}))
    if mark == "*":
        return replace(task, chunk=replace(chunk, isolate=True))
    blind[chunk.key] = blind.get(chunk.key, 0) + 1
    if blind[chunk.key] > MAX_BLIND_RETRIES:
        raise GongkaiError(Errors.E106, reason=f"chunk {chunk.key} lost its worker {MAX_BLIND_RETRIES + 1} times "
                                             f"before reading any file ({reason})")
    return task
