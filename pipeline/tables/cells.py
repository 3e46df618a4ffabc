"""One table cell's text to a value with its semantics (number, zero, blank, not applicable…)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..report import CellSemantics

_NOT_APPLICABLE = frozenset({"/", "-", "—", "——", "--", "—-", "\\", "／", "－", "–", "N/A", "n/a", "/ /", "×"})
_ZERO_WORDS = frozenset({"无", "〇", "零"})
_UNITS = "万元|元|件|个|项|条|次|人次|家|份|篇"
_NUMBER = r"\d[\d,]*(?:\.\d+)?|\.\d+"
_CHANGE_WORD = r"(?:本年)?(?:新?增(?:加)?|减(?:少)?)"
_VALUE = re.compile(
    rf"^(?P<change>{_CHANGE_WORD})?(?P<sign>[+-])?(?P<number>{_NUMBER})(?P<unit>{_UNITS})?"
    r"(?:\((?P<note>[^()]*)\))?$"
)
# A number broken by a space in PDF text ("1 6") is one number inside one cell.
_SPACED_DIGITS = re.compile(r"^\d(?: \d)+$")


# Tables repeat the same few cell texts ("0", "/", ""), so both functions are memoised.
@dataclass(frozen=True)
class ParsedCell:
    value: float | None
    semantics: CellSemantics
    note: str | None = None


def _compact(text: str) -> str:
    # Scrapes leave "?" or U+FFFD where a page had an unencodable space before a number.
    return text.replace(" ", "").lstrip("?\ufffd")


@lru_cache(maxsize=4096)
def is_value_text(text: str) -> bool:
    """True for what can stand in a table's value cell: numbers, dashes, blanks."""
    compact = _compact(text)
    return compact == "" or compact in _NOT_APPLICABLE or compact in _ZERO_WORDS or bool(_VALUE.match(compact))


@lru_cache(maxsize=4096)
def parse_cell(raw: str, money: bool = False) -> ParsedCell:
    """``money`` marks a 万元 column, where an amount written in 元 is converted.

    (``money`` may be passed by position: the table parser does, once per cell, and the
    memo's key is cheaper to build without keywords.)
    """
    text = raw.strip().lstrip("?\ufffd").strip()
    compact = _compact(text)
    if compact == "":
        return ParsedCell(None, "blank")
    if compact in _NOT_APPLICABLE:
        return ParsedCell(None, "not_applicable")
    if compact in _ZERO_WORDS:
        return ParsedCell(0.0, "zero", note=f"written as {text}")
    if " " in text and not _SPACED_DIGITS.match(text):
        return ParsedCell(None, "text", note="several values in one cell")
    m = _VALUE.match(compact)
    if m is None:
        return ParsedCell(None, "text")
    value = float(m["number"].replace(",", ""))
    negative = m["sign"] == "-" or (m["change"] is not None and "减" in m["change"])
    if negative:
        value = -value
    note = m["note"]
    semantics: CellSemantics = "annotated" if note else ("zero" if value == 0 else "number")
    if money and m["unit"] == "元":
        value = value / 10000
        semantics = "converted"
        note = f"{m['number']}元 converted to 万元" + (f"; {note}" if note else "")
    elif m["unit"] and m["unit"] != "万元" and money:
        note = f"unit {m['unit']}" + (f"; {note}" if note else "")
    return ParsedCell(value, semantics, note)
