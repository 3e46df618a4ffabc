"""Joining text that a layout broke apart, the way Chinese text joins.

Chinese has no spaces between words, so a line break inside a paragraph or
a table cell vanishes when the pieces are joined; a space survives only
between two Latin letters (a number wrapped mid-digits joins up again).  Spaces a layout put *between* Chinese
characters carry no meaning: in a table cell any such space goes; in prose
only letter spacing (``商 业 企 业``: every character spaced out) goes, since
a single space between words (``办公室 浏览:``) may be the author's.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

# Han ideographs, CJK punctuation and full-width forms: no space is needed
# (or meant) next to any of them.
CJK_CLASS = r"\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f\u201c\u201d\u2018\u2019\u2014\u2026"
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{CJK_CLASS}])[ \t\u3000\u00a0]+(?=[{CJK_CLASS}])")
_LETTER_SPACED = re.compile(f"(?<![{CJK_CLASS}])[{CJK_CLASS}](?:[ \u3000\u00a0]+[{CJK_CLASS}](?![{CJK_CLASS}])){{2,}}")


def join_wrapped(pieces: Iterable[str]) -> str:
    """Pieces of one logical line (wrapped lines, a cell's paragraphs) as one line."""
    out = ""
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if out and out[-1].isascii() and out[-1].isalpha() and piece[0].isascii() and piece[0].isalpha():
            out += " "
        out += piece
    return out


def squeeze_cjk_spaces(text: str) -> str:
    """Remove the spaces between two Chinese characters: ``商 业 企 业`` -> ``商业企业``."""
    return _SPACE_BETWEEN_CJK.sub("", text)


def squeeze_letter_spacing(text: str) -> str:
    """Join runs of three or more single Chinese characters spaced apart: ``目 录`` stays, ``商 业 企 业`` joins."""
    return _LETTER_SPACED.sub(lambda m: _SPACE_BETWEEN_CJK.sub("", m.group()), text)


def cell_text(lines: Iterable[str]) -> str:
    """A table cell's lines as one cell value: vertical labels become one word."""
    return squeeze_cjk_spaces(join_wrapped(line for piece in lines for line in piece.splitlines()))
