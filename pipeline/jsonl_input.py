"""One line of a JSON Lines input file (``{"id", "text", ...}``), checked, for the line-oriented commands."""
from __future__ import annotations

import json
from typing import Any

from .errors import Errors, InputError


def read_record(line: str, *, name: str, number: int, optional_text: tuple[str, ...] = ()) -> dict[str, Any]:
    """The object on one input line, with ``id`` and a string ``text``.

    ``optional_text`` names fields that may be absent or null but are strings
    when present.  Raises :class:`InputError` (E030/E031) naming the file and line.
    """
    try:
        row = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(Errors.E030, path=name, line=number, reason=str(e)) from e
    if not isinstance(row, dict):
        raise InputError(Errors.E030, path=name, line=number, reason="not a JSON object")
    for field in ("id", "text"):
        if field not in row:
            raise InputError(Errors.E031, path=name, line=number, field=field)
    for field in ("text", *optional_text):
        if field != "text" and row.get(field) is None:
            continue
        if not isinstance(row[field], str):
            raise InputError(Errors.E030, path=name, line=number, reason=f"'{field}' is not a string")
    return row
