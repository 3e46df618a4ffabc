"""gongkai: government information-disclosure annual reports as research-grade data.

The Python API mirrors the command line::

    import pipeline
    report = pipeline.extract("report.txt")   # a path, or the report's text
    report.tables["applications.new_received.total"]
"""
from __future__ import annotations

from .report import Cell, Check, Figure, LabelDecision, Meta, Paragraph, Report, Section

__version__ = "0.1.0"

__all__ = ["extract", "Report", "Meta", "Section", "Paragraph", "Cell", "Check", "Figure", "LabelDecision"]


def extract(source, **options):  # noqa: ANN001 - re-exported, documented at its definition
    from .extract import extract as _extract

    return _extract(source, **options)
