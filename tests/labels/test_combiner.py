from __future__ import annotations

from dataclasses import replace

import numpy as np

from pipeline.labels.combiner import Combined, combine
from pipeline.labels.settings import LabelSettings, load_settings

LOW = {"issue": 0.01, "improvement": 0.45, "innovation": 0.01, "measure": 0.3, "other": 0.01}


def decide(probabilities: dict[str, float], settings: LabelSettings, *, has_heading: bool = True) -> Combined:
    """The decision for one paragraph without rule hits."""
    row = np.array([[probabilities[label] for label in settings.labels]])
    return combine(row, [[]], settings, [has_heading])[0]


def test_measure_and_other_are_never_given_together():
    probabilities = {"issue": 0.01, "improvement": 0.01, "innovation": 0.01, "measure": 0.9, "other": 0.8}
    assert decide(probabilities, load_settings()).labels == ("measure",)


def test_a_paragraph_without_heading_is_judged_by_its_own_thresholds():
    settings = load_settings()
    settings = replace(settings, thresholds_without_heading={**settings.thresholds_without_heading, "improvement": 0.4})
    assert "improvement" in decide(LOW, settings, has_heading=False).labels
    assert "improvement" not in decide({**LOW, "measure": 0.6}, settings, has_heading=True).labels
