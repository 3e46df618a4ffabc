from __future__ import annotations

import json

import numpy as np
import pytest

from pipeline.errors import GongkaiError
from pipeline.labels.artifact import ARRAYS, META
from pipeline.labels.corpus import default_sources, fingerprint, read_corpus
from pipeline.labels.labeler import Labeler
from pipeline.labels.train import design, train


def _subset():
    examples = read_corpus(default_sources())
    return examples[::5]


def test_training_twice_on_the_same_data_writes_the_same_files(tmp_path):
    subset = _subset()
    first, second = train(subset), train(subset)
    first.save(tmp_path / "a")
    second.save(tmp_path / "b")
    for name in sorted(p.name for p in (tmp_path / "a").iterdir()):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    pairs, _, _ = design(subset[:50], first.settings)
    reloaded = Labeler.load(tmp_path / "a")
    assert np.array_equal(reloaded.scorer.predict_proba(pairs), first.scorer.predict_proba(pairs))
    assert reloaded.card == json.loads(json.dumps(first.card))


def test_committed_model_was_trained_on_the_current_corpus(labeler):
    expected = {path.name: fingerprint(path) for path in default_sources()}
    assert labeler.card["sources"] == expected


def test_corpus_has_enough_paragraphs_of_every_label():
    examples = read_corpus(default_sources())
    assert len(examples) >= 1500
    for label in ("issue", "improvement", "innovation", "measure", "other"):
        assert sum(label in e.labels for e in examples) >= 100


def test_model_holding_a_pickled_array_is_refused(labeler, tmp_path):
    labeler.save(tmp_path / "model")
    np.savez(tmp_path / "model" / ARRAYS, coef=np.array([object()], dtype=object))
    with pytest.raises(GongkaiError, match="E040.*cannot load"):
        Labeler.load(tmp_path / "model")


def test_model_of_another_format_version_is_refused(labeler, tmp_path):
    labeler.save(tmp_path / "model")
    meta = json.loads((tmp_path / "model" / META).read_text(encoding="utf-8"))
    (tmp_path / "model" / META).write_text(json.dumps({**meta, "version": 2}), encoding="utf-8")
    with pytest.raises(GongkaiError, match="model version 2"):
        Labeler.load(tmp_path / "model")
