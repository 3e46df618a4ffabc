"""Label probabilities from the exported classifier, with numpy and plain Python only.

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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np

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
# a character n-gram is counted as one int64 key: code points + 1 (never 0) packed 21 bits apiece
_CODE_POINT_BITS = 21
MAX_CHAR_NGRAM = 63 // _CODE_POINT_BITS


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
    vocabulary: dict[str, int] = field(init=False, repr=False)

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
        if self.analyzer == "char" and high > MAX_CHAR_NGRAM:
            raise _invalid(f"{self.name}.ngram_range", self.ngram_range,
                           f"character n-grams longer than {MAX_CHAR_NGRAM} do not fit one int64 key")
        if self.idf.dtype != np.float32 or self.idf.shape != (len(self.terms),):
            raise _invalid(f"{self.name}.idf", (self.idf.dtype, self.idf.shape),
                           f"expected float32 of shape ({len(self.terms)},)")
        # terms are what is stored; the dict (words) or the sorted n-gram keys (characters) is what counting needs
        object.__setattr__(self, "vocabulary", {term: i for i, term in enumerate(self.terms)})
        if self.analyzer == "char":
            keys = np.fromiter(map(_term_key, self.terms), dtype=np.int64, count=len(self.terms))
            order = np.argsort(keys)
            object.__setattr__(self, "_char_keys", keys[order])
            object.__setattr__(self, "_char_columns", order)

    def grams(self, text: str) -> list[str]:
        """The word n-grams scikit-learn's analyzer yields for ``text`` (repeats kept)."""
        units = words(text)
        low, high = self.ngram_range
        grams = list(units) if low == 1 else []
        for n in range(max(low, 2), min(high, len(units)) + 1):
            # zip of shifted copies: the n-grams without a Python-level loop per gram
            grams.extend(map(" ".join, zip(*(units[k:] for k in range(n)))))
        return grams

    def transform(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """CSR parts ``(indptr, indices, data)`` of the tf-idf rows, columns sorted within each row.

        A row depends on its text alone, so each distinct text is computed once
        and its row repeated (headings repeat across a batch, boilerplate too).
        """
        distinct: dict[str, int] = {}
        inverse = np.fromiter((distinct.setdefault(text, len(distinct)) for text in texts), np.int64, len(texts))
        indptr, indices, data = self._transform_distinct(list(distinct))
        if len(distinct) == len(texts):
            return indptr, indices, data
        lengths = np.diff(indptr)[inverse]
        out_indptr = np.concatenate(([0], np.cumsum(lengths)))
        taken = np.repeat(indptr[:-1][inverse] - out_indptr[:-1], lengths) + np.arange(out_indptr[-1])
        return out_indptr, indices[taken], data[taken]

    def _transform_distinct(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        rows, columns = self._char_columns_of(texts) if self.analyzer == "char" else self._word_columns_of(texts)
        # one key per (row, column): sorting the keys orders rows, and columns within a row, as CSR does
        keys, counts = np.unique(rows * len(self.terms) + columns, return_counts=True)
        rows, indices = np.divmod(keys, len(self.terms))
        indptr = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=len(texts)))))
        data = counts.astype(np.float32)
        if self.sublinear_tf:
            np.log(data, data)
            data += 1.0
        data *= self.idf[indices]
        # bincount adds its weights one at a time in index order: scikit-learn's row loop, in double
        norms = np.sqrt(np.bincount(rows, weights=(data * data).astype(np.float64), minlength=len(texts)))
        norms[norms == 0.0] = 1.0  # an empty row stays empty, as scikit-learn leaves it
        data = (data / norms[rows]).astype(np.float32)
        return indptr, indices, data * self.weight

    def _word_columns_of(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(row, column) of every known word n-gram of ``texts``."""
        lookup, columns, lengths = self.vocabulary.get, [], []
        for text in texts:
            grams = self.grams(text)
            columns.extend(map(lookup, grams, repeat(-1)))
            lengths.append(len(grams))
        columns = np.array(columns, dtype=np.int64)
        rows = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
        known = columns >= 0
        return rows[known], columns[known]

    def _char_columns_of(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(row, column) of every known character n-gram of ``texts``, found for the whole batch in numpy.

        The texts are laid end to end as one array of code points; an n-gram
        is kept when it ends inside the text it starts in.
        """
        texts = [_WHITE_SPACES.sub(" ", text) for text in texts]
        lengths = np.fromiter(map(len, texts), np.int64, len(texts))
        points = _code_points("".join(texts))
        rows = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
        text_ends = np.repeat(np.cumsum(lengths), lengths)
        last = len(self._char_keys) - 1
        found_rows, found_columns = [], []
        low, high = self.ngram_range
        for n in range(low, high + 1):
            keys = _char_keys(points, n)
            inside = np.arange(len(keys)) + n <= text_ends[:len(keys)]
            keys, key_rows = keys[inside], rows[:len(keys)][inside]
            at = np.minimum(np.searchsorted(self._char_keys, keys), last)
            known = self._char_keys[at] == keys
            found_rows.append(key_rows[known])
            found_columns.append(self._char_columns[at[known]])
        return np.concatenate(found_rows), np.concatenate(found_columns)


def _code_points(text: str) -> np.ndarray:
    """Code point + 1 of each character (int64), so that no character packs to 0."""
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64) + 1


def _term_key(term: str) -> int:
    """The key :func:`_char_keys` gives the n-gram ``term``, packed in plain Python (vocabulary, once)."""
    key = 0
    for character in term:
        key = key << _CODE_POINT_BITS | (ord(character) + 1)
    return key


def _char_keys(points: np.ndarray, n: int) -> np.ndarray:
    """The key of the n-gram starting at each position of ``points`` that has n characters left."""
    keys = points[:max(len(points) - n + 1, 0)].copy()
    for k in range(1, n):
        keys <<= _CODE_POINT_BITS
        keys |= points[k:len(points) - n + 1 + k]
    return keys


def _add_rows_in_order(totals: np.ndarray, values: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    """``totals[i] += values[indptr[i]:indptr[i + 1]]`` one value at a time, left to right, in place.

    Floating-point sums depend on their order; this is the order of scikit-learn's
    and scipy's compiled row loops.  Rows are visited longest first, so step ``k``
    touches a prefix: the rows that still have a ``k``-th value.
    """
    lengths = np.diff(indptr)
    order = np.argsort(-lengths, kind="stable")
    starts, descending = indptr[:-1][order], lengths[order]
    sums = totals[order]
    # how many rows still have a k-th value, for every k at once
    active = np.searchsorted(-descending, -np.arange(descending[0] if len(descending) else 0), side="left")
    for k, count in enumerate(active.tolist()):
        sums[:count] += values[starts[:count] + k]
    totals[order] = sums
    return totals


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
        # one contiguous row of label weights per feature: the products gather by feature
        self._weights = np.ascontiguousarray(coef.T)
        self._offsets = np.cumsum([0] + [len(block.terms) for block in self.blocks[:-1]])

    def decision_function(self, X: Sequence[Pair]) -> np.ndarray:
        """Logits (pairs x labels, float32)."""
        texts = [text for text, _ in X]
        headings = [heading or BLANK_HEADING for _, heading in X]
        logits = np.zeros((len(X), len(self.labels)), dtype=np.float32)
        for block, offset in zip(self.blocks, self._offsets):
            indptr, indices, data = block.transform(texts if block.source == "text" else headings)
            _add_rows_in_order(logits, data[:, None] * self._weights[indices + offset], indptr)
        return logits + self.intercept

    def predict_proba(self, X: Sequence[Pair]) -> np.ndarray:
        """Softmax of the logits, computed as ``sklearn.utils.extmath.softmax`` computes it."""
        scores = self.decision_function(X)
        scores -= scores.max(axis=1).reshape((-1, 1))
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1).reshape((-1, 1))
        return scores
