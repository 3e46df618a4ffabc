"""JSON Lines in, JSON Lines out: the plain function behind ``gongkai figures``."""
from __future__ import annotations

import json
from dataclasses import fields
from typing import IO, Iterable

from ..errors import Errors, InputError
from ..report import Figure
from .extract import FigureFinder


_FIELDS = tuple(f.name for f in fields(Figure))


def read_line(line: str, *, name: str, number: int) -> tuple[str, str]:
    """The ``id`` and ``text`` of one input line; raises :class:`InputError` (E030/E031)."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(Errors.E030, path=name, line=number, reason=str(e)) from e
    if not isinstance(row, dict):
        raise InputError(Errors.E030, path=name, line=number, reason="not a JSON object")
    for field in ("id", "text"):
        if field not in row:
            raise InputError(Errors.E031, path=name, line=number, field=field)
    if not isinstance(row["text"], str):
        raise InputError(Errors.E030, path=name, line=number, reason="'text' is not a string")
    return row["id"], row["text"]


def figures_jsonl(lines: Iterable[str], out: IO[str], *, name: str, errors: IO[str],
                  finder: FigureFinder | None = None) -> int:
    """Write ``{"id", "figures"}`` per input line to ``out``; report bad lines to ``errors``.

    Returns the number of lines that could not be processed.  Blank lines are skipped.
    """
    finder = finder or FigureFinder()
    failures = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            key, text = read_line(line, name=name, number=number)
        except InputError as e:
            errors.write(f"gongkai figures: {e}\n")
            failures += 1
            continue
        figures = [{name: getattr(f, name) for name in _FIELDS} for f in finder.find(text)]
        out.write(json.dumps({"id": key, "figures": figures}, ensure_ascii=False) + "\n")
    return failures
