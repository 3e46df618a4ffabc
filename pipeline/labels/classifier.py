"""The classifier stage: TF-IDF features and one multinomial (one-of-five) logistic regression.

Both classes follow the scikit-learn contract (``__init__`` stores keyword
arguments, ``fit`` returns ``self``, learned attributes end in ``_``), so
``clone`` and cross-validation treat them like any estimator.  Inputs are
sequences of ``(text, heading)`` pairs of folded text; ``heading`` may be "".
They are for training and research: :meth:`ParagraphClassifier.export` hands
the fitted parameters to the numpy-only scorer the labeler runs.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from ..errors import Errors, GongkaiError
from .scorer import BLANK_HEADING, WORDS_TOKENIZER, FeatureBlock, ParagraphScorer
from .text import words

Pair = tuple[str, str]


def _segmented(text: str) -> list[str]:
    return words(text)


def _block(name: str, source: str, vectorizer: TfidfVectorizer, weight: float) -> FeatureBlock:
    """A fitted vectorizer's settings, terms in column order and idf."""
    if vectorizer.analyzer == "word" and vectorizer.tokenizer is not _segmented:
        raise GongkaiError(Errors.E050, name=f"{name}.tokenizer", value=vectorizer.tokenizer,
                           reason="the scorer segments with pipeline.labels.text.words only")
    return FeatureBlock(
        name=name, source=source, analyzer=vectorizer.analyzer,
        tokenizer=WORDS_TOKENIZER if vectorizer.analyzer == "word" else None,
        ngram_range=tuple(vectorizer.ngram_range), lowercase=vectorizer.lowercase,
        sublinear_tf=vectorizer.sublinear_tf, norm=vectorizer.norm, weight=float(weight),
        terms=tuple(sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)), idf=vectorizer.idf_,
    )


class ParagraphVectorizer(TransformerMixin, BaseEstimator):
    """Word n-grams (jieba + domain dictionary), character n-grams, and the heading's character n-grams."""

    def __init__(self, *, word_ngrams=(1, 2), char_ngrams=(1, 3), heading_char_ngrams=(1, 3),
                 heading_weight=1.0, min_df=2) -> None:
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.heading_char_ngrams = heading_char_ngrams
        self.heading_weight = heading_weight
        self.min_df = min_df

    def fit(self, X: Sequence[Pair], y=None) -> ParagraphVectorizer:
        texts = [text for text, _ in X]
        headings = [heading for _, heading in X]
        self.words_ = TfidfVectorizer(tokenizer=_segmented, token_pattern=None, lowercase=False,
                                      ngram_range=tuple(self.word_ngrams), min_df=self.min_df,
                                      sublinear_tf=True, dtype=np.float32).fit(texts)
        self.chars_ = TfidfVectorizer(analyzer="char", lowercase=False, ngram_range=tuple(self.char_ngrams),
                                      min_df=self.min_df, sublinear_tf=True, dtype=np.float32).fit(texts)
        self.headings_ = TfidfVectorizer(analyzer="char", lowercase=False,
                                         ngram_range=tuple(self.heading_char_ngrams), min_df=self.min_df,
                                         sublinear_tf=True, dtype=np.float32).fit([h or BLANK_HEADING for h in headings])
        return self

    def transform(self, X: Sequence[Pair]) -> sp.csr_matrix:
        check_is_fitted(self, "words_")
        texts = [text for text, _ in X]
        headings = self.headings_.transform([heading or BLANK_HEADING for _, heading in X])
        return sp.hstack(
            [self.words_.transform(texts), self.chars_.transform(texts), headings * self.heading_weight],
            format="csr",
        )


class ParagraphClassifier(ClassifierMixin, BaseEstimator):
    """One multinomial logistic regression over the labels; ``predict_proba`` gives one probability per label.

    The labels are nearly exclusive (dev: 512 of 518 paragraphs carry one), so a softmax over all five,
    decided by argmax, separates improvement from measure better than five independent calibrated
    one-vs-rest SVMs did (models/labeler.md).  A paragraph with two gold labels enters once per label,
    its weight shared between the copies; the second label of a legacy problem-and-remedy paragraph
    comes from the sentence stage.  ``y`` is a label-indicator matrix (paragraphs x labels) in the
    order of ``labels``.
    """

    def __init__(self, *, labels=("issue", "improvement", "innovation", "measure", "other"), C=3.0,
                 max_iter=2000, word_ngrams=(1, 2), char_ngrams=(1, 3), heading_char_ngrams=(1, 3),
                 heading_weight=1.0, min_df=2) -> None:
        self.labels = labels
        self.C = C
        self.max_iter = max_iter
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.heading_char_ngrams = heading_char_ngrams
        self.heading_weight = heading_weight
        self.min_df = min_df

    def fit(self, X: Sequence[Pair], y, sample_weight=None) -> ParagraphClassifier:
        y = np.asarray(y, dtype=int)
        if y.ndim != 2 or y.shape != (len(X), len(self.labels)):
            raise GongkaiError(Errors.E050, name="y", value=y.shape, reason="expected paragraphs x labels")
        if self.C <= 0:
            raise GongkaiError(Errors.E050, name="C", value=self.C, reason="C must be positive")
        missing = [label for label, count in zip(self.labels, y.sum(axis=0)) if count == 0]
        if missing:
            raise GongkaiError(Errors.E050, name="y", value=missing, reason="every label needs examples")
        weights = np.ones(len(X)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        self.vectorizer_ = ParagraphVectorizer(
            word_ngrams=self.word_ngrams, char_ngrams=self.char_ngrams,
            heading_char_ngrams=self.heading_char_ngrams, heading_weight=self.heading_weight, min_df=self.min_df,
        ).fit(X)
        features = self.vectorizer_.transform(X)
        rows, columns = np.nonzero(y)
        shares = weights[rows] / y.sum(axis=1)[rows]
        # lbfgs is deterministic: the same rows in the same order give the same coefficients
        self.model_ = LogisticRegression(C=self.C, class_weight="balanced", max_iter=self.max_iter)
        self.model_.fit(features[rows], columns, sample_weight=shares)
        self.classes_ = np.array(self.labels)
        return self

    def _check_is_fitted(self) -> None:
        try:
            check_is_fitted(self, "model_")
        except NotFittedError as e:
            raise GongkaiError(Errors.E041, name=type(self).__name__) from e

    def export(self) -> ParagraphScorer:
        """The fitted parameters as a :class:`ParagraphScorer`, which gives the same probabilities without scikit-learn."""
        self._check_is_fitted()
        vectorizer = self.vectorizer_
        blocks = [_block("words", "text", vectorizer.words_, 1.0), _block("chars", "text", vectorizer.chars_, 1.0),
                  _block("headings", "heading", vectorizer.headings_, vectorizer.heading_weight)]
        return ParagraphScorer(labels=self.labels, blocks=blocks, coef=self.model_.coef_,
                               intercept=self.model_.intercept_)

    def predict_proba(self, X: Sequence[Pair]) -> np.ndarray:
        self._check_is_fitted()
        features = self.vectorizer_.transform(X)
        return self.model_.predict_proba(features)

    def predict(self, X: Sequence[Pair]) -> np.ndarray:
        return (self.predict_proba(X) >= 0.5).astype(int)
