"""A reviewer's text selection, snapped to a whole Chinese quantity and read as a figure record.

Browsers select whatever the mouse covered ("2万", "万件", "1.2万件。"); the
record must hold the whole quantity ``1.2万件``.  Snapping prefers a figure
the extractor finds overlapping the selection; failing that it widens the
selection over the numeral and the longest unit that follows (units from
``configs/figures/units.jsonl``).  A selection without any numeral is a
negated zero ("未收到…申请") and is kept as selected.  Offsets are code points.
"""
from __future__ import annotations

import re
from functools import cache

from ..errors import Errors, InputError, ReviewError
from ..figures import find_figures
from ..figures.extract import CN_NUMERAL, MULTIPLIERS
from ..figures.lexicon import Unit, load_lexicon
from ..figures.numbers import parse_number
from .records import FigureRecord

_NUMERAL_CHARS = f"0-9０-９.．,，{CN_NUMERAL}{MULTIPLIERS}余多"
_NUMERAL = re.compile(f"[{_NUMERAL_CHARS}]+")
_APPROX_INSIDE = {"余": "over", "多": "over"}


@cache
def _units() -> tuple[Unit, ...]:
    return tuple(sorted(load_lexicon().units, key=lambda u: -len(u.unit)))


def snap(text: str, start: int, end: int) -> FigureRecord:
    """The figure record for the selection ``text[start:end]`` widened to whole quantities."""
    if not 0 <= start < end <= len(text):
        raise ReviewError(Errors.E072, status=400, reason=f"selection [{start}, {end}) is outside the paragraph "
                                                          f"({len(text)} characters)")
    found = [f for f in find_figures(text) if f.start < end and f.end > start]
    if found:
        first, last = found[0], found[-1]
        if first is last:
            return FigureRecord(**{k: getattr(first, k) for k in FigureRecord.model_fields})
        start, end = first.start, last.end
    numerals = [m for m in _NUMERAL.finditer(text) if m.start() < end and m.end() > start]
    if not numerals:
        return FigureRecord(text=text[start:end], start=start, end=end, value=0, unit=None, kind="count", negated=True)
    start, end = min(start, numerals[0].start()), max(end, numerals[-1].end())
    numeral = text[numerals[0].start():numerals[-1].end()]
    unit = next((u for u in _units() if text.startswith(u.unit, numerals[-1].end())), None)
    if unit is not None:
        end = max(end, numerals[-1].end() + len(unit.unit))
    approx = _APPROX_INSIDE.get(numeral[-1])
    try:
        number = parse_number(numeral.rstrip("余多"))
    except InputError as e:
        raise ReviewError(Errors.E072, status=400, reason=f"{text[start:end]!r} is not a quantity: {e}") from e
    return FigureRecord(text=text[start:end], start=start, end=end, value=number.value, value_max=number.value_max,
                        approx=approx, unit=unit.unit if unit else None,
                        kind=unit.kind if unit else "other")  # type: ignore[arg-type]
