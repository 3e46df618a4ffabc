"""Word segmentation: jieba with our domain dictionary, and the blank spaCy ``zh`` pipeline.

Every stage that segments goes through here, so all of them see the same
dictionary (``configs/dictionary/domain.txt``).  rjieba, used where speed
matters, loads the same dictionary file.
"""
from __future__ import annotations

import logging
from functools import cache

import jieba
import jieba.posseg
import spacy
from spacy.language import Language

from .configs import config_path

DICTIONARY = ("dictionary", "domain.txt")


@cache
def tokenizer() -> jieba.Tokenizer:
    """jieba's default tokenizer with our dictionary loaded (once per process)."""
    jieba.setLogLevel(logging.WARNING)
    jieba.default_logger.setLevel(logging.WARNING)
    jieba.dt.initialize()
    jieba.load_userdict(str(config_path(*DICTIONARY)))
    return jieba.dt


@cache
def pos_tokenizer() -> jieba.posseg.POSTokenizer:
    """Segmentation with part-of-speech tags, sharing :func:`tokenizer`'s dictionary."""
    return jieba.posseg.POSTokenizer(tokenizer())


def make_nlp() -> Language:
    """A blank ``zh`` pipeline segmenting with jieba and our dictionary."""
    tokenizer()
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
