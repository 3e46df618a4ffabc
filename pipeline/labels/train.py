"""Training: the same path for ``gongkai train``, the determinism test and the dev-set cross-validation.

Reproducible by construction: fixed seeds, examples in file order, and the
heading dropout decided by a hash of each example's id (not by a random
stream), so the same files always give the same model.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import sklearn

from .classifier import ParagraphClassifier
from .corpus import Example, fingerprint, label_counts, read_corpus
from .labeler import Labeler
from .settings import LabelSettings, load_settings
from .text import fold


def _keeps_heading(example: Example, settings: LabelSettings) -> bool:
    bucket = zlib.crc32(f"{settings.model.seed}:{example.id}".encode()) / 2**32
    return bucket >= settings.model.heading_dropout


def design(examples: Sequence[Example], settings: LabelSettings, *, extra: Sequence[Example] = ()):
    """Inputs, label-indicator matrix and sample weights for :class:`ParagraphClassifier`."""
    pairs, rows, weights = [], [], []
    for weight, group in ((1.0, examples), (settings.model.extra_weight, extra)):
        for example in group:
            heading = fold(example.heading) if example.heading and _keeps_heading(example, settings) else ""
            pairs.append((fold(example.text), heading))
            rows.append([int(label in example.labels) for label in settings.labels])
            weights.append(weight)
    return pairs, np.array(rows, dtype=int), np.array(weights)


def make_classifier(settings: LabelSettings) -> ParagraphClassifier:
    m = settings.model
    return ParagraphClassifier(labels=settings.labels, C=m.C, max_iter=m.max_iter, word_ngrams=m.word_ngrams, char_ngrams=m.char_ngrams,
                               heading_char_ngrams=m.heading_char_ngrams, heading_weight=m.heading_weight,
                               min_df=m.min_df)


def _sha256(value) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def train(examples: Sequence[Example], *, extra: Sequence[Example] = (), settings: LabelSettings | None = None,
          sources: Sequence[Path] = (), extra_sources: Sequence[Path] = ()) -> Labeler:
    """Fit the classifier on written ``examples`` plus real ``extra`` ones (weighted up)."""
    settings = settings or load_settings()
    pairs, y, weights = design(examples, settings, extra=extra)
    classifier = make_classifier(settings).fit(pairs, y, sample_weight=weights)
    card = {
        "sources": {path.name: fingerprint(path) for path in sources},
        "extra_sources": {path.name: fingerprint(path) for path in extra_sources},
        "paragraphs": len(examples),
        "extra_paragraphs": len(extra),
        "label_counts": label_counts(examples),
        "extra_label_counts": label_counts(extra),
        "features": len(classifier.vectorizer_.words_.vocabulary_) + len(classifier.vectorizer_.chars_.vocabulary_)
        + len(classifier.vectorizer_.headings_.vocabulary_),
        "settings": {"model": "multinomial logistic regression", "seed": settings.model.seed, "C": settings.model.C,
                     "heading_dropout": settings.model.heading_dropout,
                     "extra_weight": settings.model.extra_weight},
        # what was fitted, exactly: a change to either gives a different model
        "settings_sha256": _sha256({"labels": settings.labels, "model": dataclasses.asdict(settings.model)}),
        "training_data_sha256": _sha256({"pairs": pairs, "labels": y.tolist(), "weights": weights.tolist()}),
        "trained_with": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
    }
    return Labeler(classifier.export(), settings=settings, card=card)


def build(*, sources: Sequence[Path], extra_sources: Sequence[Path] = (), output: Path | None = None) -> Labeler:
    """Train from gold files (what ``gongkai train`` runs) and save the model to ``output`` when given."""
    examples = read_corpus(sources)
    extra = read_corpus(extra_sources)
    labeler = train(examples, extra=extra, sources=sources, extra_sources=extra_sources)
    if output is not None:
        labeler.save(output)
    return labeler
