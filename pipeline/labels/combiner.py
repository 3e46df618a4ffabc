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
from dataclasses import dataclass

from .rules import RuleHit
from .settings import NARRATIVE, ROUTINE, LabelSettings


@dataclass(frozen=True)
class Combined:
    labels: tuple[str, ...]
    scores: dict[str, float]
    provenance: dict[str, tuple[str, ...]]


def _logit(p: float, clip: float) -> float:
    p = min(max(p, clip), 1.0 - clip)
    return math.log(p / (1.0 - p))


def scores(probabilities: dict[str, float], hits: Sequence[RuleHit], settings: LabelSettings) -> dict[str, float]:
    """Combined score per label."""
    shift = dict.fromkeys(settings.labels, 0.0)
    for hit in hits:
        shift[hit.label] += hit.weight
    return {
        label: 1.0 / (1.0 + math.exp(-(_logit(probabilities[label], settings.clip) + shift[label])))
        for label in settings.labels
    }


def combine(probabilities: dict[str, float], hits: Sequence[RuleHit], settings: LabelSettings, *,
            has_heading: bool = True) -> Combined:
    combined = scores(probabilities, hits, settings)
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
        scores={label: round(value, 4) for label, value in combined.items()},
        provenance=provenance,
    )

