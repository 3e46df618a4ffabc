"""JSON Lines in, JSON Lines out: the plain function behind ``gongkai figures``."""
from __future__ import annotations

import json
from dataclasses import fields
from typing import IO, Iterable

from ..errors import InputError
from ..jsonl_input import read_record
from ..report import Figure
from .extract import FigureFinder


_FIELDS = tuple(f.name for f in fields(Figure))


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
            record = read_record(line, name=name, number=number)
            key, text = record["id"], record["text"]
        except InputError as e:
            errors.write(f"gongkai figures: {e}\n")
            failures += 1
            continue
        figures = [{name: getattr(f, name) for name in _FIELDS} for f in finder.find(text)]
        out.write(json.dumps({"id": key, "figures": figures}, ensure_ascii=False) + "\n")
    return failures
