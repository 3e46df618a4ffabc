"""A table region's text to a stream of cells, whatever way the table was flattened.

Three flattenings occur in scraped reports and are told apart by the region:

* ``pipe``: cells end with ``|`` (one row per line, one cell per line, or a
  lone ``|`` line between cells); every ``|`` closes exactly one cell, so
  runs of ``|`` are blank cells.
* ``blank_lines``: one cell per line and a blank line after each; an extra
  blank line is a blank cell.
* ``lines``: PDF text, a row per line with space-separated values.
"""
from __future__ import annotations

import re
from typing import Literal, NamedTuple

from ..structure.lines import PINYIN_NOTE
from .cells import is_value_text

Mode = Literal["pipe", "blank_lines", "lines"]

_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff)）])\s+(?=[\u4e00-\u9fff(（])")
_WORD = re.compile(r"\S+")
_LINE = re.compile(r"[^\n]+")


class Token(NamedTuple):
    """One table cell (a tuple: a report has thousands of them)."""

    text: str
    start: int
    end: int
    is_value: bool

    @property
    def label(self) -> str:
        """The text that row patterns match: no spaces, no pinyin notes (規(guī)章)."""
        return PINYIN_NOTE.sub("", self.text).replace(" ", "")


def detect_mode(region: str) -> Mode:
    lines = region.split("\n")
    if "|" in region:
        return "pipe"
    blank = sum(1 for line in lines if not line.strip())
    if lines and blank / len(lines) >= 0.25:
        return "blank_lines"
    return "lines"


def tokenize(text: str, start: int, end: int, mode: Mode | None = None) -> list[Token]:
    region = text[start:end]
    mode = mode or detect_mode(region)
    if mode == "pipe":
        return _pipe_tokens(region, start)
    if mode == "blank_lines":
        return _blank_line_tokens(region, start)
    tokens: list[Token] = []
    offset = start
    for line in region.split("\n"):
        tokens.extend(_line_tokens(line, offset))
        offset += len(line) + 1
    return tokens


def _pipe_tokens(region: str, base: int) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    pieces = region.split("|")
    for index, piece in enumerate(pieces):
        last = index == len(pieces) - 1
        if "\n" not in piece:
            parts = [(0, piece)] if piece.strip() else []
        else:
            parts = [(m.start(), m.group()) for m in _LINE.finditer(piece) if m.group().strip()]
        if not parts:
            if not last:
                tokens.append(Token("", base + pos, base + pos, True))
        elif len(parts) == 1:
            tokens.append(_cell(parts[0][1], base + pos + parts[0][0], single_cell=True))
        else:
            for offset, part in parts:
                tokens.extend(_line_tokens(part, base + pos + offset))
        pos += len(piece) + 1
    return tokens


def _blank_line_tokens(region: str, base: int) -> list[Token]:
    tokens: list[Token] = []
    offset = 0
    blank_run = 0
    seen_cell = False
    for line in region.split("\n"):
        if line.strip():
            if seen_cell:
                tokens.extend(Token("", base + offset, base + offset, True) for _ in range(max(0, blank_run - 1)))
            tokens.extend(_line_tokens(line, base + offset))
            seen_cell = True
            blank_run = 0
        else:
            blank_run += 1
        offset += len(line) + 1
    return tokens


def _line_tokens(line: str, base: int) -> list[Token]:
    """A line: one label cell, then any values separated by spaces."""
    words = [(m.start(), m.group()) for m in _WORD.finditer(line)]
    if not words:
        return []
    split = len(words)
    while split > 0 and is_value_text(words[split - 1][1]):
        split -= 1
    tokens: list[Token] = []
    if split > 0:
        first, last = words[0], words[split - 1]
        tokens.append(_cell(line[first[0]:last[0] + len(last[1])], base + first[0], single_cell=False))
    tokens.extend(Token(w, base + o, base + o + len(w), True) for o, w in words[split:])
    return tokens


def _cell(raw: str, start: int, *, single_cell: bool) -> Token:
    stripped = raw.strip()
    lead = raw.find(stripped[0]) if stripped else 0
    if single_cell and is_value_text(stripped):
        return Token(stripped, start + lead, start + lead + len(stripped), True)
    text = _CJK_GAP.sub("", stripped) if " " in stripped or "\t" in stripped else stripped
    return Token(text, start + lead, start + lead + len(stripped), bool(text) and is_value_text(text))
