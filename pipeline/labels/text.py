"""Text preparation shared by rules and classifier: script folding, sentences, words.

Traditional-script reports are folded to simplified characters so one set of
cues and one vocabulary serve both.  Words come from rjieba loaded with the
same dictionary file as :mod:`pipeline.segment` (jieba itself is ~50x slower,
too slow for the labeler's throughput target).
"""
from __future__ import annotations

import re
from functools import cache

import opencc

from ..segment import segmenter

_SENTENCE_END = re.compile(r"[^。！？!?；;]*(?:[。！？!?；;]+|$)")
_SPACE = re.compile(r"\s+")
_ANY_SPACE = re.compile(r"\s")


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def fold(text: str) -> str:
    """Simplified script, runs of white space collapsed to one space."""
    return _SPACE.sub(" ", _converter().convert(text)).strip()


def heading_leaf(heading: str | None) -> str:
    """The innermost heading of a " / "-joined heading path."""
    return heading.rsplit(" / ", 1)[-1].strip() if heading else ""


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (code-point offsets into ``text``), split after 。！？；."""
    spans = []
    for match in _SENTENCE_END.finditer(text):
        start, end = match.span()
        if text[start:end].strip():
            spans.append((start, end))
    return spans


def words(text: str) -> list[str]:
    """Words of already folded text, white space dropped (jieba yields it as words of their own)."""
    units = segmenter().cut(text)
    return list(filter(str.strip, units)) if _ANY_SPACE.search(text) else units
