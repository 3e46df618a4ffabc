from __future__ import annotations

import numpy as np
import pytest
import skops.io

from pipeline.errors import GongkaiError
from pipeline.labels.corpus import default_sources, fingerprint, read_corpus
from pipeline.labels.labeler import MODEL_FORMAT, MODEL_VERSION, Labeler
from pipeline.labels.train import design, train


def _subset():
    examples = read_corpus(default_sources())
    return examples[::5]


def test_training_twice_on_the_same_data_gives_the_same_model(tmp_path):
    subset = _subset()
    first, second = train(subset), train(subset)
    pairs, _, _ = design(subset[:50], first.settings)
    assert first.classifier.vectorizer_.words_.vocabulary_ == second.classifier.vectorizer_.words_.vocabulary_
    assert np.array_equal(first.classifier.predict_proba(pairs), second.classifier.predict_proba(pairs))
    first.save(tmp_path / "a.skops")
    reloaded = Labeler.load(tmp_path / "a.skops")
    assert np.array_equal(reloaded.classifier.predict_proba(pairs), first.classifier.predict_proba(pairs))


def test_committed_model_was_trained_on_the_current_corpus(labeler):
    expected = {path.name: fingerprint(path) for path in default_sources()}
    assert labeler.card["sources"] == expected


def test_corpus_has_enough_paragraphs_of_every_label():
    examples = read_corpus(default_sources())
    assert len(examples) >= 1500
    for label in ("issue", "improvement", "innovation", "measure", "other"):
        assert sum(label in e.labels for e in examples) >= 100


class _Stranger:
    """A type no labeler file should hold."""


def test_model_file_holding_an_untrusted_type_is_refused(tmp_path):
    path = tmp_path / "hostile.skops"
    skops.io.dump({"format": MODEL_FORMAT, "version": MODEL_VERSION, "classifier": _Stranger()}, path)
    with pytest.raises(GongkaiError, match="untrusted types"):
        Labeler.load(path)
