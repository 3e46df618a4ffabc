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
import rjieba

from ..configs import config_path
from ..segment import DICTIONARY

_SENTENCE_END = re.compile(r"[^。！？!?；;]*(?:[。！？!?；;]+|$)")
_SPACE = re.compile(r"\s+")


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


@cache
def _segmenter() -> rjieba.Jieba:
    segmenter = rjieba.Jieba()
    for line in config_path(*DICTIONARY).read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts and not line.startswith("#"):
            segmenter.add_word(parts[0], int(parts[1]) if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None)
    return segmenter


def words(text: str) -> list[str]:
    """Words of already folded text, white space dropped."""
    return [w for w in _segmenter().cut(text) if not w.isspace()]
