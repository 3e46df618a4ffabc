"""Which files a batch run reads, in a fixed order, streamed (a corpus is never listed in memory whole).

An input is a folder (searched recursively), a glob, a single file, or a
manifest (``.csv``/``.jsonl`` naming a ``path`` per row, with optional
metadata).  The order of the inputs as given, then sorted paths within each
folder or glob, is the order of the run: chunks, resumption and the outputs
all follow it.
"""
from __future__ import annotations

import csv
import glob
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Errors, GongkaiError

REPORT_SUFFIXES = frozenset({".txt", ".html", ".htm", ".docx", ".pdf"})
# Office files that hold reports in the wild but are not read: listed as
# "unsupported" so that the manifest shows what a conversion step would add.
OFFICE_SUFFIXES = frozenset({
    ".doc", ".wps", ".wpt", ".dot", ".docm", ".dotx", ".rtf", ".odt", ".xls", ".xlsx", ".et", ".ods",
    ".ppt", ".pptx", ".dps", ".odp",
})
MANIFEST_SUFFIXES = frozenset({".csv", ".jsonl"})
# Metadata a manifest may give; other columns travel along in ``extra``.
GIVEN_FIELDS = ("agency", "region_code", "year", "url")


@dataclass(frozen=True)
class InputFile:
    """One file to account for, with what the researcher's manifest said about it."""

    path: str
    given: dict[str, str] = field(default_factory=dict)


def iter_inputs(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[InputFile]:
    """Every input file, in run order; an input that names nothing raises."""
    for raw in inputs:
        text = str(raw)
        path = Path(text)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file() and path.suffix.lower() in MANIFEST_SUFFIXES:
            yield from _manifest(path)
        elif path.is_file():
            yield InputFile(text)
        elif glob.has_magic(text):
            for match in sorted(glob.iglob(text, recursive=True)):
                if Path(match).is_dir():
                    yield from _walk(Path(match))
                elif _wanted(match):
                    yield InputFile(match)
        else:
            raise GongkaiError(Errors.E103, input=text, reason="no such file, folder or glob match")


def count_inputs(inputs: Iterable[str | os.PathLike[str]]) -> int:
    """How many files :func:`iter_inputs` yields (one pass over names, for progress totals)."""
    return sum(1 for _ in iter_inputs(inputs))


def _wanted(name: str) -> bool:
    suffix = os.path.splitext(name)[1].lower()
    return suffix in REPORT_SUFFIXES or suffix in OFFICE_SUFFIXES


def _walk(folder: Path) -> Iterator[InputFile]:
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        dirs[:] = [d for d in dirs if not d.startswith(".")]  # .work of an output folder inside the input, VCS dirs
        for name in sorted(files):
            if _wanted(name):
                yield InputFile(os.path.join(root, name))


def _manifest(path: Path) -> Iterator[InputFile]:
    """Rows of a CSV or JSONL manifest; relative paths are relative to the manifest's folder."""
    base = path.parent
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            if not reader.fieldnames or "path" not in reader.fieldnames:
                raise GongkaiError(Errors.E104, path=path, line=1, reason="no 'path' column")
            for number, row in enumerate(reader, 2):
                yield _manifest_entry(path, number, base, row)
        return
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise GongkaiError(Errors.E104, path=path, line=number, reason=str(e)) from e
            if not isinstance(row, dict):
                raise GongkaiError(Errors.E104, path=path, line=number, reason="not a JSON object")
            yield _manifest_entry(path, number, base, row)


def _manifest_entry(manifest: Path, number: int, base: Path, row: dict) -> InputFile:
    value = row.get("path")
    if not value or not str(value).strip():
        raise GongkaiError(Errors.E104, path=manifest, line=number, reason="empty 'path'")
    target = Path(str(value).strip())
    resolved = target if target.is_absolute() else base / target
    given = {str(k): "" if v is None else str(v) for k, v in row.items() if k != "path"}
    return InputFile(str(resolved), given)
