from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from pipeline.labels import artifact
from pipeline.labels.corpus import default_sources, read_corpus
from pipeline.labels.settings import load_settings
from pipeline.labels.text import fold, sentences
from pipeline.labels.train import design, make_classifier

REPO = Path(__file__).resolve().parents[2]
# cases the corpus lacks: empty input, white-space runs (char n-grams collapse them), latin words
EDGE_PAIRS = [("", ""), ("  \t无。", "  "), ("abc  def\u3000 ghi", "一、 总体情况"), ("2023年 , 共 12 条", "")]


@pytest.fixture(scope="module")
def fitted():
    """A classifier fitted on every fifth corpus paragraph, and held-out pairs to score."""
    settings = load_settings()
    examples = read_corpus(default_sources())
    pairs, y, weights = design(examples[::5], settings)
    classifier = make_classifier(settings).fit(pairs, y, sample_weight=weights)
    held_out = examples[2::9]
    texts = [(fold(e.text), fold(e.heading) if e.heading and i % 2 else "") for i, e in enumerate(held_out)]
    pieces = [(fold(e.text[s:t]), "") for e in held_out[:40] for s, t in sentences(e.text)]
    return classifier, texts + pieces + EDGE_PAIRS


def test_scorer_gives_scikit_learns_probabilities(fitted):
    classifier, pairs = fitted
    assert len(pairs) >= 300
    expected = classifier.predict_proba(pairs)
    assert np.abs(classifier.export().predict_proba(pairs) - expected).max() <= 1e-9


def test_scorer_read_back_from_disk_gives_the_same_probabilities(fitted, tmp_path):
    classifier, pairs = fitted
    scorer = classifier.export()
    artifact.write(tmp_path / "model", scorer, {})
    reloaded, card = artifact.read(tmp_path / "model")
    assert card == {}
    assert np.array_equal(reloaded.predict_proba(pairs), scorer.predict_proba(pairs))


def test_labelling_imports_neither_scikit_learn_nor_scipy(labeler):
    script = ("import sys\n"
              "from pipeline.labels import label_texts\n"
              "label_texts([('工作中还存在宣传力度不够等问题。下一步,我们将加强宣传。', None)])\n"
              "print(sorted({'sklearn', 'scipy'} & set(sys.modules)))\n")
    run = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
