"""The work on one chunk, the same on a local worker process and on a Dask worker.

Each file is read once, hashed (its ``report_id``), and extracted under the
per-file time limit; labels are then computed for the whole chunk in one
call, because the classifier's per-call overhead dominates when paragraphs
are labelled report by report (about 8x slower).  Rows go to part files,
the manifest part last, which marks the chunk done.

After each chunk the worker collects its garbage and freezes what survives
(models, rules, caches): the collector then stops rescanning those
long-lived objects during every later chunk, about an eighth of the time.
"""
from __future__ import annotations

import atexit
import gc
import os
import traceback
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ..errors import Errors, GongkaiError, InputError
from ..extract import extract
from ..figures import annotate_report, find_figures
from ..ingest.load import MAX_BYTES
from ..labels import label_paragraphs, load_labeler
from ..report import Report
from ..tidy import report_id, tidy_tables
from .chunks import Chunk
from .inputs import InputFile
from .manifest import MANIFEST_SCHEMA, manifest_row
from .tasks import ChunkSummary, ChunkTask
from .timelimit import TimeLimitExceeded, time_limit
from .workdir import WorkDir, write_atomic

# Internal columns of part files: the input's position (so compaction keeps the first of duplicate
# inputs) and the report's year (the partition key of every output table).
INTERNAL_COLUMNS = (("_input", pa.int64()), ("_year", pa.int32()))


@dataclass
class _Done:
    index: int
    f: InputFile
    row: dict[str, Any]
    report: Report | None = None


def process_chunk(task: ChunkTask) -> ChunkSummary:
    """Extract every file of the chunk and write its part files; returns the chunk's totals."""
    work = WorkDir(Path(task.out))
    chunk = task.chunk
    crumbs = work.breadcrumb(chunk.key)
    crumbs.parent.mkdir(parents=True, exist_ok=True)
    with crumbs.open("w", encoding="utf-8") as trail:
        def step(mark: object) -> None:
            trail.write(f"{mark}\n")
            trail.flush()

        done = _extract_files(chunk, task.time_limit, step)
        _annotate(done, chunk.isolate, task.time_limit, step)
    _write_parts(work, chunk.key, done)
    crumbs.unlink(missing_ok=True)
    statuses = Counter(d.row["status"] for d in done)
    summary = ChunkSummary(chunk.key, len(done), sum(d.row["size"] or 0 for d in done), dict(statuses))
    del done  # the chunk's reports are freed first: frozen, a cycle among them would never be
    gc.collect()
    gc.freeze()
    return summary


# Frozen objects are never freed: thawed at exit, extension modules (DuckDB's) tear down cleanly.
atexit.register(gc.unfreeze)


def warm_up() -> None:
    """Load what a worker's first chunk would otherwise load: the labeler's model, the figure finder
    and its dictionary, and the tidy tables' Arrow types (pyarrow imports pandas on first use)."""
    load_labeler()
    find_figures("")
    tidy_tables([])


def _extract_files(chunk: Chunk, seconds: float | None, step) -> list[_Done]:
    seen: set[str] = set()
    done = []
    for offset, f in enumerate(chunk.files):
        index = chunk.start + offset
        if f.path in chunk.blamed:
            code, message = chunk.blamed[f.path]
            done.append(_Done(index, f, manifest_row(index, f, size=_size(f.path), report_id=None, status="failed",
                                                   error_code=code, error=message)))
            continue
        step(offset)
        done.append(_one_file(index, f, seen, seconds))
    return done


def _one_file(index: int, f: InputFile, seen: set[str], seconds: float | None) -> _Done:
    try:
        data = _read(f.path)
    except InputError as e:
        return _Done(index, f, manifest_row(index, f, size=_size(f.path), report_id=None, status="failed",
                                            error_code=e.code, error=str(e)))
    rid = report_id(data)
    if rid in seen:
        # the same bytes earlier in this chunk; the run-wide rule is applied again at compaction
        return _Done(index, f, manifest_row(index, f, size=len(data), report_id=rid, status="duplicate"))
    seen.add(rid)
    try:
        with time_limit(seconds):
            report = extract(data, name=f.path, annotate=False)
    except InputError as e:
        return _failed(index, f, len(data), rid, e)
    except TimeLimitExceeded:
        return _failed(index, f, len(data), rid, GongkaiError(Errors.E100, path=f.path, seconds=seconds))
    except Exception as e:  # noqa: BLE001 - a parser bug on one file is that file's failure, recorded with its trace
        return _failed(index, f, len(data), rid, _internal(f.path, e))
    return _Done(index, f, manifest_row(index, f, size=len(data), report_id=rid, status=report.status), report)


def _annotate(done: list[_Done], isolate: bool, seconds: float | None, step) -> None:
    """Labels for every ok report of the chunk in one call, then figures report by report."""
    ok = [d for d in done if d.report is not None and d.report.status == "ok"]
    if not isolate and ok:
        step("*")
        try:
            # labelling a whole chunk takes milliseconds per report, so one file's limit is ample
            with time_limit(seconds):
                label_paragraphs([p for d in ok for p in d.report.paragraphs])
        except (TimeLimitExceeded, Exception):  # noqa: BLE001 - retried report by report below, which blames one file
            isolate = True
    for d in ok:
        step(d.index - done[0].index)
        try:
            with time_limit(seconds):
                if isolate:
                    label_paragraphs(d.report.paragraphs)
                annotate_report(d.report)
        except TimeLimitExceeded:
            _fail_done(d, GongkaiError(Errors.E100, path=d.f.path, seconds=seconds))
        except Exception as e:  # noqa: BLE001 - as in _one_file
            _fail_done(d, _internal(d.f.path, e))


def _fail_done(d: _Done, error: GongkaiError) -> None:
    d.row.update(status="failed", error_code=error.code, error=str(error))
    d.report = None


def _failed(index: int, f: InputFile, size: int, rid: str, error: GongkaiError) -> _Done:
    return _Done(index, f, manifest_row(index, f, size=size, report_id=rid, status="failed",
                                        error_code=error.code, error=str(error)))


def _internal(path: str, e: Exception) -> GongkaiError:
    frame = traceback.extract_tb(e.__traceback__)[-1] if e.__traceback__ else None
    where = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    return GongkaiError(Errors.E102, path=path, reason=f"{type(e).__name__}: {e}{where}")


def _size(path: str) -> int | None:
    try:
        return os.stat(path).st_size
    except OSError:
        return None


def _read(path: str) -> bytes:
    try:
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            raise InputError(Errors.E008, path=path, size=size, limit=MAX_BYTES)
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError as e:
        raise InputError(Errors.E001, path=path) from e
    except IsADirectoryError as e:
        raise InputError(Errors.E002, path=path, reason="is a directory") from e
    except OSError as e:
        raise InputError(Errors.E002, path=path, reason=e.strerror or str(e)) from e
    if not data.strip():
        raise InputError(Errors.E003, path=path)
    return data


def _write_parts(work: WorkDir, key: str, done: list[_Done]) -> None:
    extracted = [d for d in done if d.report is not None]
    # a report's input position and year, looked up by report id for each of its rows (ids are unique in a chunk)
    ids = pa.array([d.row["report_id"] for d in extracted], type=pa.string())
    order = {"_input": pa.array([d.index for d in extracted], type=pa.int64()),
             "_year": pa.array([d.report.meta.year for d in extracted], type=pa.int32())}
    for name, table in tidy_tables([(d.row["report_id"], d.report) for d in extracted]).items():
        owner = pc.index_in(table.column("report_id"), value_set=ids)
        for column, kind in INTERNAL_COLUMNS:
            table = table.append_column(pa.field(column, kind), order[column].take(owner))
        write_atomic(table, work.part(name, key))
    # last: its presence is what marks the chunk done
    write_atomic(pa.Table.from_pylist([d.row for d in done], schema=MANIFEST_SCHEMA), work.part("manifest", key))
