"""The classifier stage: TF-IDF features and calibrated one-vs-rest linear models.

Both classes follow the scikit-learn contract (``__init__`` stores keyword
arguments, ``fit`` returns ``self``, learned attributes end in ``_``), so
``clone`` and cross-validation treat them like any estimator.  Inputs are
sequences of ``(text, heading)`` pairs of folded text; ``heading`` may be "".
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC
from sklearn.utils.validation import check_is_fitted

from ..errors import Errors, GongkaiError
from .text import words

Pair = tuple[str, str]


def _segmented(text: str) -> list[str]:
    return words(text)


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
                                         sublinear_tf=True, dtype=np.float32).fit([h or " " for h in headings])
        return self

    def transform(self, X: Sequence[Pair]) -> sp.csr_matrix:
        check_is_fitted(self, "words_")
        texts = [text for text, _ in X]
        headings = self.headings_.transform([heading or " " for _, heading in X])
        return sp.hstack(
            [self.words_.transform(texts), self.chars_.transform(texts), headings * self.heading_weight],
            format="csr",
        )


class ParagraphClassifier(ClassifierMixin, BaseEstimator):
    """One calibrated linear SVM per label; ``predict_proba`` gives an independent probability per label.

    ``y`` is a label-indicator matrix (paragraphs x labels) in the order of ``labels``.
    """

    def __init__(self, *, labels=("issue", "improvement", "innovation", "measure", "other"), C=0.5,
                 calibration_folds=3, seed=0, word_ngrams=(1, 2), char_ngrams=(1, 3),
                 heading_char_ngrams=(1, 3), heading_weight=1.0, min_df=2) -> None:
        self.labels = labels
        self.C = C
        self.calibration_folds = calibration_folds
        self.seed = seed
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.heading_char_ngrams = heading_char_ngrams
        self.heading_weight = heading_weight
        self.min_df = min_df

    def fit(self, X: Sequence[Pair], y, sample_weight=None) -> ParagraphClassifier:
        y = np.asarray(y, dtype=int)
        if y.ndim != 2 or y.shape != (len(X), len(self.labels)):
            raise GongkaiError(Errors.E050, name="y", value=y.shape, reason="expected paragraphs x labels")
        if self.C <= 0 or self.calibration_folds < 2:
            raise GongkaiError(Errors.E050, name="C/calibration_folds", value=(self.C, self.calibration_folds),
                               reason="C must be positive and calibration_folds at least 2")
        self.vectorizer_ = ParagraphVectorizer(
            word_ngrams=self.word_ngrams, char_ngrams=self.char_ngrams,
            heading_char_ngrams=self.heading_char_ngrams, heading_weight=self.heading_weight, min_df=self.min_df,
        ).fit(X)
        features = self.vectorizer_.transform(X)
        self.models_ = []
        for column, label in enumerate(self.labels):
            target = y[:, column]
            if target.min() == target.max():
                raise GongkaiError(Errors.E050, name="y", value=label, reason="every label needs positive and negative examples")
            # ensemble=False: one SVM on all data, calibrated on cross-validated decisions (fast to apply)
            model = CalibratedClassifierCV(
                LinearSVC(C=self.C, class_weight="balanced", random_state=self.seed),
                method="sigmoid",
                cv=StratifiedKFold(self.calibration_folds, shuffle=True, random_state=self.seed),
                ensemble=False,
            )
            self.models_.append(model.fit(features, target, sample_weight=sample_weight))
        self.classes_ = np.array(self.labels)
        return self

    def predict_proba(self, X: Sequence[Pair]) -> np.ndarray:
        try:
            check_is_fitted(self, "models_")
        except NotFittedError as e:
            raise GongkaiError(Errors.E041, name=type(self).__name__) from e
        features = self.vectorizer_.transform(X)
        return np.column_stack([model.predict_proba(features)[:, 1] for model in self.models_])

    def predict(self, X: Sequence[Pair]) -> np.ndarray:
        return (self.predict_proba(X) >= 0.5).astype(int)
