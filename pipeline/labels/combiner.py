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
from itertools import compress
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
    thresholds = np.where(np.asarray(has_heading, dtype=bool)[:, None],
                          [settings.thresholds[label] for label in labels],
                          [settings.thresholds_without_heading[label] for label in labels])
    combined = scores(probabilities, hits, settings)
    rows = zip(_choose(combined, thresholds, settings).tolist(), (probabilities >= thresholds).tolist(),
               _rounded(combined, 4).tolist(), hits)
    return [_decision(labels, chosen, by_model, row_scores, row_hits) for chosen, by_model, row_scores, row_hits in rows]


def _rounded(values: np.ndarray, digits: int) -> np.ndarray:
    """``round(value, digits)`` of each value, without a Python call per value.

    Scaling, rounding to an integer and scaling back gives the float nearest to
    the correctly rounded decimal, as Python's round does, unless the scaled
    value lies within float error of a tie: those few are left to round().
    """
    scale = 10.0 ** digits
    scaled = values * scale
    rounded = np.rint(scaled) / scale
    near_tie = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    rounded[near_tie] = [round(value, digits) for value in values[near_tie].tolist()]
    return rounded


def _choose(combined: np.ndarray, thresholds: np.ndarray, settings: LabelSettings) -> np.ndarray:
    """The labels each row gets (rows x labels, bool)."""
    chosen = combined >= thresholds
    # none cleared its threshold: the best-scoring label (argmax, like max(), picks the first of equals)
    none = np.flatnonzero(~chosen.any(axis=1))
    chosen[none, combined[none].argmax(axis=1)] = True
    narrative = np.isin(settings.labels, NARRATIVE)
    routine = np.flatnonzero(np.isin(settings.labels, ROUTINE))
    # measure/other next to a narrative label only above the secondary threshold: the main point decides
    beside_narrative = (chosen & narrative).any(axis=1, keepdims=True)
    chosen &= narrative | ~beside_narrative | (combined >= settings.secondary_routine_threshold)
    # gold files almost never give a paragraph both: it either reports work or it does not; the weaker goes
    # (argmin, like min(), picks the first of equals)
    both = np.flatnonzero(chosen[:, routine].sum(axis=1) > 1)
    weaker = np.where(chosen[both][:, routine], combined[both][:, routine], np.inf).argmin(axis=1)
    chosen[both, routine[weaker]] = False
    return chosen


def _decision(labels: tuple[str, ...], chosen: list[bool], by_model: list[bool], rounded: list[float],
              hits: Sequence[RuleHit]) -> Combined:
    """One row's decision: the chosen labels in order, what carried each, and the rounded scores."""
    provenance = {}
    for label, model in compress(zip(labels, by_model), chosen):
        carried = ["model"] if model else []
        carried += [f"rule:{hit.rule}" for hit in hits if hit.label == label and hit.weight > 0]
        # nothing cleared a threshold: the label is the model's best guess after the rules
        provenance[label] = tuple(dict.fromkeys(carried)) or ("model",)
    return Combined(labels=tuple(provenance), scores=dict(zip(labels, rounded)), provenance=provenance)
