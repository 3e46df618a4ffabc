"""Chunks: runs of consecutive input files, the unit of work, of resumption and of part files."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .inputs import InputFile


@dataclass(frozen=True)
class Chunk:
    """Files ``start`` .. ``start + len(files) - 1`` of the run.

    ``key`` names the chunk's part files; it depends on the files and their
    positions only, so the same command always cuts the same chunks.
    ``blamed`` maps files that killed or hung a worker in an earlier attempt to
    an error code and message; they are recorded as failed without being opened again.
    ``isolate`` makes the worker label one report at a time, so that a hang
    in a chunk-wide step can be traced to one file.
    """

    key: str
    start: int
    files: tuple[InputFile, ...]
    blamed: dict[str, tuple[str, str]] = field(default_factory=dict)
    isolate: bool = False


def chunk_key(start: int, files: tuple[InputFile, ...]) -> str:
    listing = json.dumps([start, [[f.path, f.given] for f in files]], ensure_ascii=False, sort_keys=True)
    return f"{start:09d}-" + hashlib.sha256(listing.encode("utf-8")).hexdigest()[:12]


def cut_chunks(files: Iterable[InputFile], size: int) -> Iterator[Chunk]:
    """Consecutive chunks of ``size`` files (the last may be shorter), streamed."""
    batch: list[InputFile] = []
    start = 0
    for f in files:
        batch.append(f)
        if len(batch) == size:
            yield Chunk(chunk_key(start, tuple(batch)), start, tuple(batch))
            start += size
            batch = []
    if batch:
        yield Chunk(chunk_key(start, tuple(batch)), start, tuple(batch))
