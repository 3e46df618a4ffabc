"""A table region's text to a stream of cells, whatever way the table was flattened.

Three flattenings occur in scraped reports and are told apart by the region:

* ``pipe``: cells end with ``|`` (one row per line, one cell per line, or a
  lone ``|`` line between cells); every ``|`` closes exactly one cell, so
  runs of ``|`` are blank cells.
* ``blank_lines``: one cell per line and a blank line after each; an extra
  blank line is a blank cell.
* ``lines``: PDF text, a row per line with space-separated values.

The cells of a line, of a pipe row or of a pipe piece depend on its text alone,
and tables repeat the same ones (rows of zeros, "0 ", row labels) in report
after report, so each is split once (offsets relative to its own start) and
only placed at its offset per report.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache, partial
from itertools import accumulate
from typing import Literal, NamedTuple

from ..structure.lines import PINYIN_NOTE
from .cells import is_value_text

Mode = Literal["pipe", "blank_lines", "lines"]

_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff)）])\s+(?=[\u4e00-\u9fff(（])")
_WORD = re.compile(r"\S+")
_LINE = re.compile(r"[^\n]+")
_ROW_END = re.compile(r"\|(?=\n)")

# A cell relative to its piece or line: (text, start, end, is_value, label).
_Shape = tuple[str, int, int, bool, str]
_BLANK: tuple[_Shape, ...] = (("", 0, 0, True, ""),)


class Token(NamedTuple):
    """One table cell (a tuple: a report has thousands of them)."""

    text: str
    start: int
    end: int
    is_value: bool
    label: str  # the text that row patterns match: no spaces, no pinyin notes (規(guī)章)


# Token(...) runs a Python-level __new__ that only calls this: a report has hundreds of tokens.
_token = partial(tuple.__new__, Token)


def detect_mode(region: str) -> Mode:
    if "|" in region:
        return "pipe"
    lines = region.split("\n")
    blank = sum(1 for line in lines if not line.strip())
    if blank / len(lines) >= 0.25:
        return "blank_lines"
    return "lines"


def tokenize(text: str, start: int, end: int, mode: Mode | None = None) -> list[Token]:
    region = text[start:end]
    mode = mode or detect_mode(region)
    if mode == "pipe":
        return _pipe_tokens(region, start)
    if mode == "blank_lines":
        return _place(_blank_line_cells(region, start))
    lines = region.split("\n")
    return _place(zip(_offsets(lines, start), map(_line_cells, lines)))


def _place(cells: Iterable[tuple[int, tuple[_Shape, ...]]]) -> list[Token]:
    """Tokens from (offset, cells relative to that offset) pairs."""
    return list(map(_token, _shifted(cells)))


def _offsets(pieces: list[str], base: int) -> Iterator[int]:
    """Where each piece starts, the pieces having been split on a one-character separator."""
    return accumulate((len(p) + 1 for p in pieces[:-1]), initial=base)


def _pipe_tokens(region: str, base: int) -> list[Token]:
    # Split at each "|" that ends a line (the line break opens the next row's first piece).
    rows = _ROW_END.split(region)
    tokens = _place(zip(_offsets(rows, base), map(_row_cells, rows)))
    if not region.rpartition("|")[2].strip():
        tokens.pop()  # text after the last "|" closes no cell
    return tokens


@lru_cache(maxsize=8192)
def _row_cells(row: str) -> tuple[_Shape, ...]:
    """The cells of the pieces of a row, each closed by a ``|`` (the last by the one that ends the line)."""
    pieces = row.split("|")
    return _shifted(zip(_offsets(pieces, 0), map(_piece_cells, pieces)))


@lru_cache(maxsize=8192)
def _piece_cells(piece: str) -> tuple[_Shape, ...]:
    """The text before one ``|``: a blank cell, one cell, or a row per line."""
    parts = [(m.start(), m.group()) for m in _LINE.finditer(piece) if m.group().strip()]
    if not parts:
        return _BLANK
    if len(parts) == 1:
        return (_cell(parts[0][1], parts[0][0], single_cell=True),)
    return _shifted((offset, _line_cells(part)) for offset, part in parts)


def _shifted(cells: Iterable[tuple[int, tuple[_Shape, ...]]]) -> tuple[_Shape, ...]:
    """Cells relative to parts of a text, made relative to the whole text."""
    return tuple((text, offset + start, offset + end, is_value, label)
                 for offset, shapes in cells for text, start, end, is_value, label in shapes)


def _blank_line_cells(region: str, base: int) -> list[tuple[int, tuple[_Shape, ...]]]:
    """Each line with text; between two of them one blank line separates and each further one is a blank cell."""
    lines = region.split("\n")
    placed: list[tuple[int, tuple[_Shape, ...]]] = []
    blank_run = 0
    seen_cell = False
    for offset, shapes in zip(_offsets(lines, base), map(_line_cells, lines)):
        if not shapes:  # a blank line
            blank_run += 1
            continue
        if seen_cell and blank_run > 1:
            placed.append((offset, _BLANK * (blank_run - 1)))
        placed.append((offset, shapes))
        seen_cell = True
        blank_run = 0
    return placed


@lru_cache(maxsize=8192)
def _line_cells(line: str) -> tuple[_Shape, ...]:
    """A line: one label cell, then any values separated by spaces."""
    words = [(m.start(), m.group()) for m in _WORD.finditer(line)]
    split = len(words)
    while split > 0 and is_value_text(words[split - 1][1]):
        split -= 1
    shapes: list[_Shape] = []
    if split > 0:
        first, last = words[0], words[split - 1]
        shapes.append(_cell(line[first[0]:last[0] + len(last[1])], first[0], single_cell=False))
    shapes.extend((w, o, o + len(w), True, _label(w)) for o, w in words[split:])
    return tuple(shapes)


def _cell(raw: str, start: int, *, single_cell: bool) -> _Shape:
    stripped = raw.strip()
    lead = raw.find(stripped[0]) if stripped else 0
    if single_cell and is_value_text(stripped):
        return (stripped, start + lead, start + lead + len(stripped), True, _label(stripped))
    text = _CJK_GAP.sub("", stripped) if " " in stripped or "\t" in stripped else stripped
    return (text, start + lead, start + lead + len(stripped), bool(text) and is_value_text(text), _label(text))


def _label(text: str) -> str:
    return PINYIN_NOTE.sub("", text).replace(" ", "")
