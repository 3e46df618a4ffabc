"""Length-preserving normalisation: full-width forms and traditional characters.

Every stage matches patterns on the normalised text and reports offsets that
point into the original, which works because each character maps to exactly
one character here.
"""
from __future__ import annotations

import re
from functools import cache

import opencc

# Full-width ASCII (U+FF01-U+FF5E) to ASCII, the ideographic space to a space,
# and the look-alike punctuation that the table and figure rules match on.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20})
_WIDTH.update({ord("﹙"): ord("("), ord("﹚"): ord(")")})
_FOLDS = {chr(wide): chr(narrow) for wide, narrow in _WIDTH.items()}
_FOLDABLE = re.compile("[" + "".join(map(re.escape, _FOLDS)) + "]")

# Share of CJK characters that opencc changes above which a text is traditional.
_TRADITIONAL_SHARE = 0.01
_NOT_CJK = re.compile("[^\u4e00-\u9fff]+")


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def fold_width(text: str) -> str:
    # A report holds a handful of distinct wide forms: replacing each is a C scan,
    # where str.translate looks every character up in a Python mapping.
    # No folded character is itself the target of a fold, so the order does not matter.
    for wide in set(_FOLDABLE.findall(text)):
        text = text.replace(wide, _FOLDS[wide])
    return text


def to_simplified(text: str) -> str:
    """Traditional to simplified, one character for one character."""
    converted = _t2s().convert(text)
    if len(converted) == len(text):
        return converted
    # opencc's phrase tables occasionally change a length; fall back to per-character conversion.
    convert = _t2s().convert
    return "".join(c if len(c := convert(ch)) == 1 else ch for ch in text)


def is_traditional(text: str) -> bool:
    joined = _NOT_CJK.sub("", text[:20000])
    if not joined:
        return False
    simplified = _t2s().convert(joined)
    if simplified == joined:  # simplified text, the common case: nothing to count
        return False
    if len(simplified) != len(joined):
        return True
    changed = sum(map(str.__ne__, joined, simplified))
    return changed / len(joined) > _TRADITIONAL_SHARE


def normalize(text: str, *, traditional: bool) -> str:
    """The text the rules see: same length as ``text``."""
    folded = fold_width(text)
    return to_simplified(folded) if traditional else folded
