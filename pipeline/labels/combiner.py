"""How rule evidence and classifier probabilities decide the final labels.

Each rule hit adds its weight to the label's log-odds:
``score = sigmoid(logit(p_model) + sum(rule weights))``.  A label is chosen when
its score reaches its threshold (a paragraph with no heading has its own thresholds: without
the heading's evidence the model's scores sit lower); when none does, the
best-scoring label is chosen.  ``measure``/``other`` next to a narrative label
survive only above ``secondary_routine_threshold`` (the paragraph's main point
decides), and of ``measure`` and ``other`` only the higher-scoring one is kept.  Every
chosen label lists what carried it: ``model`` when the classifier alone clears
the threshold, and ``rule:<id>`` for each rule that pushed it up.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import repeat
from typing import NamedTuple

import numpy as np

from .rules import RuleHit
from .settings import NARRATIVE, ROUTINE, LabelSettings


class Combined(NamedTuple):
    """One paragraph's decision before the sentence stage (a tuple: one is built per paragraph)."""

    labels: tuple[str, ...]
    scores: dict[str, float]
    provenance: dict[str, tuple[str, ...]]


def scores(probabilities: np.ndarray, hits: Sequence[Sequence[RuleHit]], settings: LabelSettings) -> np.ndarray:
    """Combined score per row of ``probabilities`` (rows x labels in ``settings.labels`` order) and its hits."""
    column = {label: j for j, label in enumerate(settings.labels)}
    shifts = np.zeros(probabilities.shape)
    for row, row_hits in enumerate(hits):
        for hit in row_hits:
            shifts[row, column[hit.label]] += hit.weight
    clipped = np.clip(probabilities.astype(np.float64), settings.clip, 1.0 - settings.clip)
    logits = _elementwise(math.log, clipped / (1.0 - clipped))
    return 1.0 / (1.0 + _elementwise(math.exp, -(logits + shifts)))


def _elementwise(function, values: np.ndarray) -> np.ndarray:
    """``function`` of each value: math's log and exp, whose last bit numpy's vectorised ones may round otherwise."""
    return np.fromiter(map(function, values.ravel().tolist()), np.float64, values.size).reshape(values.shape)


def combine(probabilities: np.ndarray, hits: Sequence[Sequence[RuleHit]], settings: LabelSettings,
            has_heading: Sequence[bool]) -> list[Combined]:
    """The decision for each row of ``probabilities`` (rows x labels), given its rule hits and whether it has a heading."""
    labels = settings.labels
    rows = zip(probabilities.tolist(), scores(probabilities, hits, settings).tolist(), hits, has_heading)
    return [_decide(dict(zip(labels, row_probabilities)), dict(zip(labels, row_scores)), row_hits, settings, heading)
            for row_probabilities, row_scores, row_hits, heading in rows]


def _decide(probabilities: dict[str, float], combined: dict[str, float], hits: Sequence[RuleHit],
            settings: LabelSettings, has_heading: bool) -> Combined:
    thresholds = settings.thresholds if has_heading else settings.thresholds_without_heading
    chosen = [label for label in settings.labels if combined[label] >= thresholds[label]]
    if not chosen:
        chosen = [max(settings.labels, key=combined.__getitem__)]
    if any(label in NARRATIVE for label in chosen):
        chosen = [label for label in chosen
                  if label in NARRATIVE or combined[label] >= settings.secondary_routine_threshold]
    routine = [label for label in chosen if label in ROUTINE]
    if len(routine) > 1:
        # gold files almost never give a paragraph both: it either reports work or it does not
        weaker = min(routine, key=combined.__getitem__)
        chosen.remove(weaker)
    provenance = {}
    for label in chosen:
        carried = ["model"] if probabilities[label] >= thresholds[label] else []
        carried += [f"rule:{hit.rule}" for hit in hits if hit.label == label and hit.weight > 0]
        # nothing cleared a threshold: the label is the model's best guess after the rules
        provenance[label] = tuple(dict.fromkeys(carried)) or ("model",)
    return Combined(
        labels=tuple(chosen),
        scores=dict(zip(combined, map(round, combined.values(), repeat(4)))),
        provenance=provenance,
    )

