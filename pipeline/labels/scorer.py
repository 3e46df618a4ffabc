"""Label probabilities from the exported classifier, with numpy (and a pandas index) only.

Batch workers load this instead of the scikit-learn estimator: importing
scikit-learn and scipy and rebuilding the estimator cost ~230 MB per process,
and scikit-learn validates its input again on every call.  The arithmetic is
scikit-learn's, step for step: the same n-grams, float32 counts, ``log(tf) + 1``,
idf, l2 norms summed in double in column order, float32 products summed in
column order (scipy's sparse-times-dense loop), float32 softmax.  The
probabilities are therefore bit-for-bit those of
:meth:`ParagraphClassifier.predict_proba` (tests/labels/test_scorer.py); summing
in any other order would move them by ~1e-7.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, repeat

import numpy as np
import pandas as pd

from ..errors import Errors, GongkaiError
from .text import words

Pair = tuple[str, str]

# the word analyzer's tokenizer: pipeline.labels.text.words (rjieba with configs/dictionary/domain.txt)
WORDS_TOKENIZER = "gongkai.labels.words.v1"
# what ParagraphVectorizer feeds the heading vectorizer for a paragraph without heading
BLANK_HEADING = " "
SOURCES = ("text", "heading")
# TfidfVectorizer collapses runs of white space before taking character n-grams
_WHITE_SPACES = re.compile(r"\s\s+")
# An n-gram is counted as one int64 key: its units' ids packed side by side.  A character's id is its
# code point + 1, a word's its rank in the vocabulary's words; no id is 0, so n-grams of different
# lengths never share a key.
_CODE_POINT_BITS = 21
# the character id no character has (the last code point is 0x10FFFF)
_NO_CHARACTER = 0x110001
_KEY_BITS = 63


def _invalid(name: str, value, reason: str) -> GongkaiError:
    return GongkaiError(Errors.E050, name=name, value=value, reason=reason)


@dataclass(frozen=True, eq=False)
class FeatureBlock:
    """The inference half of one fitted ``TfidfVectorizer``: settings, vocabulary and idf.

    ``terms[i]`` is the n-gram of column ``i``; ``weight`` scales the block's
    normalised rows, as ``ParagraphVectorizer`` scales the heading block.  Only
    the settings ``ParagraphVectorizer`` uses are implemented; others are refused
    rather than computed differently from scikit-learn.
    """

    name: str
    source: str
    analyzer: str
    tokenizer: str | None
    ngram_range: tuple[int, int]
    lowercase: bool
    sublinear_tf: bool
    norm: str
    weight: float
    terms: tuple[str, ...]
    idf: np.ndarray

    def __post_init__(self) -> None:
        if self.source not in SOURCES:
            raise _invalid(f"{self.name}.source", self.source, f"expected one of {SOURCES}")
        if (self.analyzer, self.tokenizer) not in (("word", WORDS_TOKENIZER), ("char", None)):
            raise _invalid(f"{self.name}.analyzer", (self.analyzer, self.tokenizer),
                           f"expected ('word', {WORDS_TOKENIZER!r}) or ('char', None)")
        if self.lowercase or self.norm != "l2":
            raise _invalid(f"{self.name}.lowercase/norm", (self.lowercase, self.norm), "expected (False, 'l2')")
        low, high = self.ngram_range
        if not 1 <= low <= high:
            raise _invalid(f"{self.name}.ngram_range", self.ngram_range, "expected 1 <= min <= max")
        if self.idf.dtype != np.float32 or self.idf.shape != (len(self.terms),):
            raise _invalid(f"{self.name}.idf", (self.idf.dtype, self.idf.shape),
                           f"expected float32 of shape ({len(self.terms)},)")
        units = [self._term_units(term) for term in self.terms]
        if any(not low <= len(term_units) <= high for term_units in units):
            raise _invalid(f"{self.name}.terms", self.ngram_range, "a term is not an n-gram of that range")
        if self.analyzer == "word":
            # jieba yields white space as words of their own, which words() drops: a term's words are its parts
            word_ids = {word: i for i, word in enumerate(dict.fromkeys(chain.from_iterable(units)), 1)}
            object.__setattr__(self, "_word_ids", word_ids)
            # an id no term holds, for words outside the vocabulary and between texts
            object.__setattr__(self, "_no_term", len(word_ids) + 1)
            bits = self._no_term.bit_length()
        else:
            object.__setattr__(self, "_no_term", _NO_CHARACTER)
            bits = _CODE_POINT_BITS
        if high * bits > _KEY_BITS:
            raise _invalid(f"{self.name}.ngram_range", self.ngram_range, "n-grams this long do not fit one int64 key")
        object.__setattr__(self, "_bits", bits)
        keys = np.fromiter((_pack(map(self._unit_id, term_units), bits) for term_units in units), np.int64, len(units))
        # the column of each n-gram key, looked up for a whole batch in pandas' hash table
        object.__setattr__(self, "_index", pd.Index(keys))

    def _term_units(self, term: str) -> list[str]:
        return term.split(" ") if self.analyzer == "word" else list(term)

    def _unit_id(self, unit: str) -> int:
        return self._word_ids[unit] if self.analyzer == "word" else ord(unit) + 1

    def transform(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(rows, columns, data)`` of the tf-idf rows' nonzero entries, by row and by column within a row.

        A row depends on its text alone, so each distinct text is computed once
        and its entries repeated (headings repeat across a batch, boilerplate too).
        """
        distinct: dict[str, int] = {}
        inverse = np.fromiter((distinct.setdefault(text, len(distinct)) for text in texts), np.int64, len(texts))
        rows, columns, data = self._transform_distinct(list(distinct))
        if len(distinct) == len(texts):
            return rows, columns, data
        starts = np.searchsorted(rows, np.arange(len(distinct) + 1))
        lengths = np.diff(starts)[inverse]
        out_starts = np.cumsum(lengths) - lengths
        taken = np.repeat(starts[:-1][inverse] - out_starts, lengths) + np.arange(lengths.sum())
        return np.repeat(np.arange(len(texts)), lengths), columns[taken], data[taken]

    def _transform_distinct(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        rows, columns = self._columns_of(*self._units_of(texts))
        # one key per (row, column): sorting the keys orders rows, and columns within a row, as CSR does
        keys, counts = np.unique(rows * len(self.terms) + columns, return_counts=True)
        rows, columns = np.divmod(keys, len(self.terms))
        data = counts.astype(np.float32)
        if self.sublinear_tf:
            np.log(data, data)
            data += 1.0
        data *= self.idf[columns]
        # bincount adds its weights one at a time in index order: scikit-learn's row loop, in double
        norms = np.sqrt(np.bincount(rows, weights=(data * data).astype(np.float64), minlength=len(texts)))
        norms[norms == 0.0] = 1.0  # an empty row stays empty, as scikit-learn leaves it
        data = (data / norms[rows]).astype(np.float32)
        return rows, columns, data * self.weight

    def _units_of(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The unit ids of ``texts`` laid end to end, and how many units each text has.

        Each text is followed by an id no term holds: an n-gram that runs into
        the next text is then unknown, like any other.
        """
        if self.analyzer == "char":
            texts = [_WHITE_SPACES.sub(" ", text) for text in texts]
            lengths = np.fromiter(map(len, texts), np.int64, len(texts))
            ids = _code_points("".join(texts))
        else:
            segmented = [words(text) for text in texts]
            lengths = np.fromiter(map(len, segmented), np.int64, len(texts))
            ids = np.fromiter(map(self._word_ids.get, chain.from_iterable(segmented), repeat(self._no_term)),
                              np.int64, lengths.sum())
        return np.insert(ids, np.cumsum(lengths), self._no_term), lengths

    def _columns_of(self, ids: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(row, column) of every known n-gram, for the whole batch in numpy."""
        rows = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths + 1)
        found_rows, found_columns = [], []
        low, high = self.ngram_range
        for n in range(low, high + 1):
            columns = self._index.get_indexer(_ngram_keys(ids, n, self._bits))  # -1: not in the vocabulary
            known = columns >= 0
            found_rows.append(rows[:len(columns)][known])
            found_columns.append(columns[known])
        return np.concatenate(found_rows), np.concatenate(found_columns)


def _code_points(text: str) -> np.ndarray:
    """Code point + 1 of each character (int64), so that no character packs to 0."""
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64) + 1


def _pack(ids, bits: int) -> int:
    """The key :func:`_ngram_keys` gives the n-gram of unit ids ``ids``, in plain Python (vocabulary, once)."""
    key = 0
    for unit_id in ids:
        key = key << bits | unit_id
    return key


def _ngram_keys(ids: np.ndarray, n: int, bits: int) -> np.ndarray:
    """The key of the n-gram starting at each position of ``ids`` that has n units left."""
    keys = ids[:max(len(ids) - n + 1, 0)].copy()
    for k in range(1, n):
        keys <<= bits
        keys |= ids[k:len(ids) - n + 1 + k]
    return keys


class ParagraphScorer:
    """Probabilities per label for ``(text, heading)`` pairs of folded text, from exported parameters.

    ``coef`` is labels x features (float32; the blocks' columns side by side, in
    ``blocks`` order), ``intercept`` one float32 per label.
    """

    def __init__(self, *, labels: Sequence[str], blocks: Sequence[FeatureBlock], coef: np.ndarray,
                 intercept: np.ndarray) -> None:
        self.labels = tuple(labels)
        self.blocks = tuple(blocks)
        width = sum(len(block.terms) for block in self.blocks)
        if coef.dtype != np.float32 or coef.shape != (len(self.labels), width):
            raise _invalid("coef", (coef.dtype, coef.shape), f"expected float32 of shape ({len(self.labels)}, {width})")
        if intercept.dtype != np.float32 or intercept.shape != (len(self.labels),):
            raise _invalid("intercept", (intercept.dtype, intercept.shape),
                           f"expected float32 of shape ({len(self.labels)},)")
        self.coef = coef
        self.intercept = intercept
        self._offsets = np.cumsum([0] + [len(block.terms) for block in self.blocks[:-1]])

    def decision_function(self, X: Sequence[Pair]) -> np.ndarray:
        """Logits (pairs x labels, float32)."""
        texts = [text for text, _ in X]
        headings = [heading or BLANK_HEADING for _, heading in X]
        # label-major, so that each label's totals are one contiguous array
        logits = np.zeros((len(self.labels), len(X)), dtype=np.float32)
        for block, offset in zip(self.blocks, self._offsets):
            rows, columns, data = block.transform(texts if block.source == "text" else headings)
            columns = columns + offset
            for totals, weights in zip(logits, self.coef):
                # np.add.at adds unbuffered, one entry at a time in order: each pair's products are
                # summed left to right, in column order, blocks in turn (scipy's loop)
                np.add.at(totals, rows, data * weights[columns])
        return logits.T + self.intercept

    def predict_proba(self, X: Sequence[Pair]) -> np.ndarray:
        """Softmax of the logits, computed as ``sklearn.utils.extmath.softmax`` computes it."""
        scores = self.decision_function(X)
        scores -= scores.max(axis=1).reshape((-1, 1))
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1).reshape((-1, 1))
        return scores
