"""Figures in prose: quantities stated in running text, and their agreement with the tables.

``find_figures(text)`` is the plain function; ``annotate_report(report)``
fills :attr:`Paragraph.figures` for prose paragraphs and appends the
prose-against-tables checks.  Figure offsets are relative to the text they
were found in: for a paragraph, to ``paragraph.text`` (add
``paragraph.start`` for an offset into ``Report.text``).
"""
from __future__ import annotations

from functools import cache

from ..report import Figure, Report
from .extract import FigureFinder
from .prose_checks import prose_checks

__all__ = ["FigureFinder", "annotate_report", "find_figures", "prose_checks"]


@cache
def _finder() -> FigureFinder:
    return FigureFinder()


def find_figures(text: str) -> list[Figure]:
    """The figures of ``text`` with offsets into ``text``."""
    return _finder().find(text)


def annotate_report(report: Report) -> None:
    """Fill ``figures`` of every prose paragraph (offsets into the paragraph's text), then add prose checks."""
    for paragraph in report.paragraphs:
        if paragraph.kind == "prose":
            paragraph.figures = find_figures(paragraph.text)
    report.checks.extend(prose_checks(report))
