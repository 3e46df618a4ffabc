"""Agreement between two reviewers of the same paragraphs: Cohen's kappa per label, and the disagreements.

For each doubly reviewed paragraph the earlier annotation plays rater A and
the later rater B, so kappa compares "first look" with "second look"
whoever the people were (the usual reading when pairs of reviewers rotate).
"""
from __future__ import annotations

from dataclasses import dataclass

from .gold import slots_by_paragraph
from .records import Annotation
from .store import ADJUDICATED, SHARED, ReviewStore


@dataclass(frozen=True)
class LabelAgreement:
    label: str
    kappa: float | None
    observed: float
    pairs: int


@dataclass(frozen=True)
class Disagreement:
    key: str
    reviewers: tuple[str, str]
    labels: tuple[tuple[str, ...], tuple[str, ...]]
    figures_differ: bool
    adjudicated: bool


def cohen_kappa(a: list[bool], b: list[bool]) -> float | None:
    """Cohen's kappa of two binary ratings; None when chance agreement is total (kappa is undefined)."""
    n = len(a)
    if n == 0 or n != len(b):
        return None
    observed = sum(x == y for x, y in zip(a, b)) / n
    pa, pb = sum(a) / n, sum(b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1 - expected)


def pairs(store: ReviewStore) -> list[tuple[str, tuple[str, Annotation], tuple[str, Annotation], bool]]:
    """(key, (reviewer, annotation) A, (reviewer, annotation) B, adjudicated) for each doubly reviewed paragraph."""
    out = []
    for key, slots in slots_by_paragraph(store).items():
        personal = [(slot, a) for slot, a in slots.items() if slot not in (SHARED, ADJUDICATED)]
        if len(personal) >= 2:
            out.append((key, personal[0], personal[1], ADJUDICATED in slots))
    return out


def agreement(store: ReviewStore) -> tuple[list[LabelAgreement], list[Disagreement]]:
    found = pairs(store)
    per_label = []
    for label in store.labels:
        a = [label in first.labels for _, (_, first), _, _ in found]
        b = [label in second.labels for _, _, (_, second), _ in found]
        observed = sum(x == y for x, y in zip(a, b)) / len(a) if a else 0.0
        per_label.append(LabelAgreement(label, cohen_kappa(a, b), observed, len(a)))
    disagreements = [
        Disagreement(key, (ra, rb), (first.labels, second.labels),
                     first.model_dump()["figures"] != second.model_dump()["figures"], adjudicated)
        for key, (ra, first), (rb, second), adjudicated in found if not first.same_as(second)
    ]
    return per_label, disagreements
