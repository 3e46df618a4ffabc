"""What the driver sends to a worker and gets back, without the pipeline itself.

The driver only schedules chunks and compacts their parts; keeping the
pipeline's libraries out of its imports starts a run sooner (on Dask, the
driver's imports come before the cluster's start).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .chunks import Chunk


@dataclass(frozen=True)
class ChunkTask:
    chunk: Chunk
    out: str
    time_limit: float | None


@dataclass
class ChunkSummary:
    """What a chunk gave: files per manifest status, and bytes read."""

    key: str
    files: int
    bytes: int
    statuses: dict[str, int] = field(default_factory=dict)


def run_chunk(task: ChunkTask) -> ChunkSummary:
    """:func:`~pipeline.batch.worker.process_chunk`, imported in the worker that runs it."""
    from .worker import process_chunk

    return process_chunk(task)
