"""The manifest: one row per input file, saying what became of it."""
from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from .inputs import GIVEN_FIELDS, InputFile

# Statuses beyond those of a Report: "failed" (with error) and "duplicate" (same bytes as an earlier input).
MANIFEST_SCHEMA = pa.schema([
    ("input_index", pa.int64()), ("path", pa.string()), ("size", pa.int64()), ("report_id", pa.string()),
    ("status", pa.string()), ("error_code", pa.string()), ("error", pa.string()), ("duplicate_of", pa.string()),
    ("given_agency", pa.string()), ("given_region_code", pa.string()), ("given_year", pa.int32()),
    ("given_url", pa.string()), ("given_extra", pa.string()),
])


def manifest_row(index: int, f: InputFile, *, size: int | None, report_id: str | None, status: str,
                 error_code: str | None = None, error: str | None = None) -> dict[str, Any]:
    given = dict(f.given)
    row: dict[str, Any] = {
        "input_index": index, "path": f.path, "size": size, "report_id": report_id, "status": status,
        "error_code": error_code, "error": error, "duplicate_of": None,
    }
    for name in GIVEN_FIELDS:
        row[f"given_{name}"] = given.pop(name, None) or None
    year = row["given_year"]
    if year is not None:
        try:
            row["given_year"] = int(year)
        except ValueError:
            # keep what was given rather than lose it: a year column must hold years
            given["year"] = year
            row["given_year"] = None
    row["given_extra"] = json.dumps(given, ensure_ascii=False, sort_keys=True) if given else None
    return row
