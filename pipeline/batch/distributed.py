"""Execution on a Dask cluster: the same chunk tasks, submitted to a scheduler.

Workers must have gongkai installed and see the inputs and the output folder
at the same paths (a shared filesystem).  The per-file time limit works in
Dask's worker threads; a worker that dies is retried by Dask and, once the
scheduler gives up on the task (``KilledWorker``), the chunk is retried here
with the culprit file blamed, as locally.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import ExitStack

from ..configs import config_path
from ..errors import ConfigError, Errors, GongkaiError
from .recovery import retry_after_death
from .tasks import ChunkSummary, ChunkTask, run_chunk
from .workdir import WorkDir

# tasks queued per worker thread: enough to keep workers busy, few enough to bound memory
IN_FLIGHT_PER_THREAD = 2
# Settings for gongkai's workers, applied to a LocalCluster and shipped for real clusters (see the file).
WORKER_CONFIG = config_path("batch", "dask", "gongkai.yaml")


def worker_settings() -> dict[str, object]:
    """The settings of ``WORKER_CONFIG`` as dotted keys, for ``dask.config.set``."""
    import yaml

    def flat(prefix: str, value: object) -> Iterator[tuple[str, object]]:
        if isinstance(value, dict) and value:
            for key, inner in value.items():
                yield from flat(f"{prefix}.{key}" if prefix else key, inner)
        else:
            yield prefix, value

    try:
        return dict(flat("", yaml.safe_load(WORKER_CONFIG.read_text(encoding="utf-8"))))
    except (OSError, yaml.YAMLError) as e:
        raise ConfigError(Errors.E020, path=WORKER_CONFIG, reason=str(e)) from e


class DaskExecutor:
    """``address`` is a scheduler (``tcp://host:8786``) or ``local`` for a LocalCluster of ``workers`` processes."""

    def __init__(self, address: str, *, workers: int) -> None:
        self.address = address
        self.workers = workers

    def map(self, tasks: Iterable[ChunkTask], work: WorkDir) -> Iterator[ChunkSummary]:
        import dask
        from distributed import Client, LocalCluster, as_completed
        from distributed.scheduler import KilledWorker

        with ExitStack() as stack:
            if self.address == "local":
                stack.enter_context(dask.config.set(worker_settings()))
                cluster = stack.enter_context(LocalCluster(
                    n_workers=self.workers, threads_per_worker=1, processes=True, dashboard_address=None))
                client = stack.enter_context(Client(cluster))
            else:
                try:
                    client = stack.enter_context(Client(self.address, timeout="30s"))
                except OSError as e:
                    raise GongkaiError(Errors.E106, reason=f"cannot reach Dask scheduler {self.address}: {e}") from e
            threads = max(1, sum(client.nthreads().values()))
            pending = iter(tasks)
            running = as_completed()
            inflight: dict[object, ChunkTask] = {}
            blind: dict[str, int] = {}

            def submit(task: ChunkTask) -> None:
                future = client.submit(run_chunk, task, pure=False, key=f"gongkai-chunk-{task.chunk.key}-{id(task)}")
                inflight[future] = task
                running.add(future)

            for task in pending:
                submit(task)
                if len(inflight) >= threads * IN_FLIGHT_PER_THREAD:
                    break
            for future in running:
                task = inflight.pop(future)
                try:
                    summary = future.result()
                except KilledWorker as e:
                    submit(retry_after_death(task, work, hung=False, reason=str(e), blind=blind))
                    continue
                finally:
                    future.release()
                yield summary
                following = next(pending, None)
                if following is not None:
                    submit(following)
