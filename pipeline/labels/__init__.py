"""Paragraph labels (issue, improvement, innovation, measure, other) as ``../shared/spec/labels.md`` defines them.

The integration point for ``pipeline/extract.py`` is :func:`label_paragraphs`;
the model is loaded once per process.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from ..report import LabelDecision, Paragraph
from .labeler import DEFAULT_MODEL, Labeler

__all__ = ["Labeler", "label_paragraphs", "label_texts", "load_labeler", "DEFAULT_MODEL"]


@cache
def load_labeler(path: Path = DEFAULT_MODEL) -> Labeler:
    """The labeler stored at ``path``, loaded once per process."""
    return Labeler.load(path)


def label_texts(items: Sequence[tuple[str, str | None]], *, labeler: Labeler | None = None) -> list[LabelDecision]:
    """Decisions for ``(text, heading)`` pairs (heading may be None)."""
    return (labeler or load_labeler()).label(items)


def label_paragraphs(paragraphs: list[Paragraph], *, labeler: Labeler | None = None) -> None:
    """Set ``paragraph.labels`` on every prose paragraph, in one batch."""
    prose = [p for p in paragraphs if p.kind == "prose"]
    for paragraph, decision in zip(prose, label_texts([(p.text, p.heading) for p in prose], labeler=labeler)):
        paragraph.labels = decision
