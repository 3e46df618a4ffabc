"""Word segmentation with our domain dictionary: rjieba for the hot paths, jieba for spaCy.

Every stage that segments goes through here, so all of them see the same
dictionary (``configs/dictionary/domain.txt``).  Figures and labels use
:func:`segmenter` (rjieba, the Rust jieba-rs: ~50x faster than jieba and
without jieba's ~100 MB dictionary and tagger per process); the spaCy ``zh``
pipeline segments with jieba itself, loaded only when :func:`make_nlp` or
:func:`tokenizer` is called.
"""
from __future__ import annotations

import logging
from functools import cache
from typing import TYPE_CHECKING

import rjieba

from .configs import config_path

if TYPE_CHECKING:
    import jieba
    from spacy.language import Language

DICTIONARY = ("dictionary", "domain.txt")


def _dictionary_entries() -> list[tuple[str, int | None, str | None]]:
    """(word, frequency, tag) of each line of the dictionary, in jieba's user-dictionary format."""
    entries = []
    for line in config_path(*DICTIONARY).read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts and not line.startswith("#"):
            entries.append((parts[0], int(parts[1]) if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None))
    return entries


@cache
def segmenter() -> rjieba.Jieba:
    """rjieba with our dictionary loaded (once per process); ``cut`` for words, ``tag`` for (word, POS) pairs.

    Importing rjieba already builds its default segmenter; adding our words to
    that one rather than to a second ``rjieba.Jieba()`` saves the ~25 MB a
    second copy of the dictionary costs in every worker.
    """
    for word, freq, tag in _dictionary_entries():
        rjieba.add_word(word, freq, tag)
    return rjieba._DEFAULT_JIEBA


@cache
def tokenizer() -> jieba.Tokenizer:
    """jieba's default tokenizer with our dictionary loaded (once per process)."""
    # Imported here: jieba's dictionary costs ~100 MB, paid only by the spaCy pipeline and benchmarks.
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.default_logger.setLevel(logging.WARNING)
    jieba.dt.initialize()
    jieba.load_userdict(str(config_path(*DICTIONARY)))
    return jieba.dt


def make_nlp() -> Language:
    """A blank ``zh`` pipeline segmenting with jieba and our dictionary."""
    # Imported here, like jieba: importing spaCy alone costs ~140 MB.
    import spacy

    tokenizer()
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
