"""The layout of an output folder and its work log (``DIR/.work``), which makes runs resumable.

A chunk is done when its manifest part exists: every part file is written to a
temporary name and renamed into place, the manifest part last, so a run
killed at any instant leaves either a whole chunk or none of it.  Breadcrumbs
record which file a worker is on, so a worker that dies or hangs can be
blamed on one file; crashes so blamed are journalled by the driver alone.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import Errors, GongkaiError

WORK = ".work"


@dataclass(frozen=True)
class WorkDir:
    """Paths inside an output folder ``out``."""

    out: Path

    @property
    def work(self) -> Path:
        return self.out / WORK

    def part(self, table: str, chunk_key: str) -> Path:
        return self.work / "parts" / table / f"{chunk_key}.parquet"

    def breadcrumb(self, chunk_key: str) -> Path:
        return self.work / "inflight" / f"{chunk_key}.log"

    @property
    def crashes(self) -> Path:
        return self.work / "crashes.jsonl"

    @property
    def tmp(self) -> Path:
        return self.work / "tmp"

    def prepare(self, *, fresh: bool) -> None:
        if fresh and self.work.exists():
            shutil.rmtree(self.work)
        for sub in ("parts", "inflight", "tmp"):
            (self.work / sub).mkdir(parents=True, exist_ok=True)

    def is_done(self, chunk_key: str) -> bool:
        return self.part("manifest", chunk_key).exists()

    def lock(self) -> "RunLock":
        return RunLock(self.work / "lock")

    def load_crashes(self) -> dict[str, tuple[str, str]]:
        """Files blamed for a worker's death in earlier attempts: path -> (error code, message)."""
        if not self.crashes.exists():
            return {}
        crashes = {}
        for line in self.crashes.read_text(encoding="utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                crashes[entry["path"]] = (entry["code"], entry["error"])
        return crashes

    def record_crash(self, path: str, code: str, error: str) -> None:
        with self.crashes.open("a", encoding="utf-8") as f:
            f.write(json.dumps({"path": path, "code": code, "error": error}, ensure_ascii=False) + "\n")
            f.flush()
            os.fsync(f.fileno())

    def last_breadcrumb(self, chunk_key: str) -> str | None:
        """The last step a worker started on this chunk: a file's index in the chunk, or ``*`` for a chunk-wide step."""
        try:
            lines = self.breadcrumb(chunk_key).read_text(encoding="utf-8").split()
        except FileNotFoundError:
            return None
        return lines[-1] if lines else None


def write_atomic(table: pa.Table, path: Path) -> None:
    """Write a Parquet file so that it is either absent or complete, even across kill -9 or power loss."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, tmp, compression="zstd")
    with tmp.open("rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, path)


class RunLock:
    """An exclusive lock on an output folder: two runs writing one folder would interleave their work."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file = None

    def __enter__(self) -> "RunLock":
        self._file = self.path.open("w")
        try:
            fcntl.flock(self._file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            self._file.close()
            raise GongkaiError(Errors.E105, path=self.path.parent.parent, reason="another batch run is writing to it") from e
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._file is not None
        fcntl.flock(self._file, fcntl.LOCK_UN)
        self._file.close()
