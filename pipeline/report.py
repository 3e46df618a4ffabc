"""The typed objects that flow between stages and out of ``gongkai extract``.

Offsets (``start``/``end``) are code-point offsets into :attr:`Report.text`,
the text the reader produced: for a plain-text file the decoded file itself;
for HTML, DOCX and PDF the text the reader laid out from it.  Normalisation
(full-width forms, traditional characters) never changes lengths, so offsets
found on normalised text point into ``Report.text`` unchanged.

Every class has slots: a report holds some 200 of these objects, and slotted
ones are smaller and quicker to build.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Edition = Literal["2021", "2019", "legacy"]
Status = Literal["ok", "not_a_report", "needs_ocr", "unsupported", "failed"]
CellSemantics = Literal["number", "zero", "blank", "not_applicable", "annotated", "converted", "text"]
CheckStatus = Literal["pass", "fail", "uncertain"]


@dataclass(frozen=True, slots=True)
class Meta:
    title: str | None = None
    agency: str | None = None
    year: int | None = None
    written_date: str | None = None
    published_date: str | None = None
    index_number: str | None = None
    edition: Edition | None = None
    edition_evidence: str | None = None
    script: Literal["simplified", "traditional"] = "simplified"
    encoding: str | None = None
    form: str | None = None


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    heading: str
    level: int
    marker: str
    start: int
    end: int
    parent: str | None
    path: tuple[str, ...]
    part: str | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    text: str
    start: int
    end: int
    value: float | int
    value_max: float | int | None
    approx: Literal["over", "under", "about"] | None
    unit: str | None
    kind: Literal["count", "money", "percent", "duration", "ratio", "other"]
    item: str | None
    action: str | None
    negated: bool
    rule: str


@dataclass(frozen=True, slots=True)
class LabelDecision:
    """A paragraph's labels with a confidence per label and what decided each."""

    labels: tuple[str, ...]
    scores: dict[str, float]
    provenance: dict[str, tuple[str, ...]]
    spans: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)


@dataclass(slots=True)
class Paragraph:
    id: str
    text: str
    heading: str | None
    section: str | None
    start: int
    end: int
    kind: Literal["prose", "table_caption", "meta"] = "prose"
    labels: LabelDecision | None = None
    figures: list[Figure] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Cell:
    key: str
    value: float | None
    raw: str
    semantics: CellSemantics
    note: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Check:
    rule: str
    status: CheckStatus
    message: str
    cells: tuple[str, ...]
    left: float | None
    right: float | None
    difference: float | None


@dataclass(slots=True)
class Report:
    source: str
    status: Status
    text: str
    meta: Meta
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    extra_rows: list[dict[str, Any]] = field(default_factory=list)
    reason: str | None = None

    @property
    def tables(self) -> dict[str, float | None]:
        return {cell.key: cell.value for cell in self.cells}

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        """The JSON object of the output contract (``pipeline/schema/report.schema.json``)."""
        out: dict[str, Any] = {
            "source": self.source,
            "status": self.status,
            "reason": self.reason,
            "meta": asdict(self.meta),
            "sections": [_section_dict(s) for s in self.sections],
            "paragraphs": [_paragraph_dict(p) for p in self.paragraphs],
            "tables": self.tables,
            "cells": [asdict(c) for c in self.cells],
            "checks": [_check_dict(c) for c in self.checks],
            "extra_rows": self.extra_rows,
        }
        if include_text:
            out["text"] = self.text
        return out


def _section_dict(section: Section) -> dict[str, Any]:
    d = asdict(section)
    d["path"] = list(section.path)
    return d


def _check_dict(check: Check) -> dict[str, Any]:
    d = asdict(check)
    d["cells"] = list(check.cells)
    return d


def _paragraph_dict(paragraph: Paragraph) -> dict[str, Any]:
    d: dict[str, Any] = {
        "id": paragraph.id,
        "text": paragraph.text,
        "heading": paragraph.heading,
        "section": paragraph.section,
        "start": paragraph.start,
        "end": paragraph.end,
        "kind": paragraph.kind,
        "figures": [asdict(f) for f in paragraph.figures],
    }
    if paragraph.labels is not None:
        d["labels"] = list(paragraph.labels.labels)
        d["label_scores"] = paragraph.labels.scores
        d["label_provenance"] = {k: list(v) for k, v in paragraph.labels.provenance.items()}
        d["label_spans"] = {k: [list(s) for s in v] for k, v in paragraph.labels.spans.items()}
    return d
