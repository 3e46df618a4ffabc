"""Cohen's kappa per label."""
from __future__ import annotations

import random

import pytest
from sklearn.metrics import cohen_kappa_score

from pipeline.review.agreement import cohen_kappa


def test_kappa_matches_scikit_learn_on_random_ratings():
    rng = random.Random(7)
    for _ in range(20):
        a = [rng.random() < 0.4 for _ in range(30)]
        b = [x if rng.random() < 0.7 else not x for x in a]
        assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))


def test_kappa_is_undefined_when_both_raters_never_vary():
    assert cohen_kappa([False] * 5, [False] * 5) is None
    assert cohen_kappa([], []) is None


def test_kappa_of_opposite_raters_is_negative():
    assert cohen_kappa([True, False, True, False], [False, True, False, True]) == pytest.approx(-1.0)
