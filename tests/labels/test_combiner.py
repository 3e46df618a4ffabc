from __future__ import annotations

from dataclasses import replace

from pipeline.labels.combiner import combine
from pipeline.labels.settings import load_settings

LOW = {"issue": 0.01, "improvement": 0.45, "innovation": 0.01, "measure": 0.3, "other": 0.01}


def test_measure_and_other_are_never_given_together():
    probabilities = {"issue": 0.01, "improvement": 0.01, "innovation": 0.01, "measure": 0.9, "other": 0.8}
    assert combine(probabilities, [], load_settings()).labels == ("measure",)


def test_a_paragraph_without_heading_is_judged_by_its_own_thresholds():
    settings = load_settings()
    settings = replace(settings, thresholds_without_heading={**settings.thresholds_without_heading, "improvement": 0.4})
    assert "improvement" in combine(LOW, [], settings, has_heading=False).labels
    assert "improvement" not in combine({**LOW, "measure": 0.6}, [], settings, has_heading=True).labels
