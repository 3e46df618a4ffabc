"""What a reviewer decides about one paragraph: its labels and its figures, validated at the boundary.

A :class:`FigureRecord` carries the fields of ``../shared/spec/figures.md``;
offsets are code points into the paragraph's text (the browser converts from
UTF-16 before it sends them), and :meth:`Annotation.check_against` refuses a
record whose ``text`` is not what its offsets cut from the paragraph.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..errors import Errors, ReviewError

Kind = Literal["count", "money", "percent", "duration", "ratio", "other"]
Approx = Literal["over", "under", "about"]


class FigureRecord(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    text: str = Field(min_length=1, max_length=200)
    start: int = Field(ge=0)
    end: int = Field(ge=1)
    value: int | float
    value_max: int | float | None = None
    approx: Approx | None = None
    unit: str | None = Field(default=None, max_length=20)
    kind: Kind = "count"
    item: str | None = Field(default=None, max_length=200)
    action: str | None = Field(default=None, max_length=50)
    negated: bool = False

    @model_validator(mode="after")
    def _span_is_ordered(self) -> FigureRecord:
        if self.end <= self.start:
            raise ValueError("end must be after start")
        return self


class Annotation(BaseModel):
    """The state a decision leaves: ``labels`` and ``figures`` of one paragraph."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    labels: tuple[str, ...] = Field(min_length=1)
    figures: tuple[FigureRecord, ...] = ()

    def check_against(self, text: str, label_set: tuple[str, ...]) -> Annotation:
        """This annotation with labels in label-set order; raises a 400 :class:`ReviewError` when it does not fit ``text``."""
        unknown = sorted(set(self.labels) - set(label_set))
        if unknown:
            raise ReviewError(Errors.E072, status=400, reason=f"unknown labels {unknown}; choose among {list(label_set)}")
        for figure in self.figures:
            if figure.end > len(text) or text[figure.start:figure.end] != figure.text:
                raise ReviewError(Errors.E072, status=400,
                                  reason=f"figure {figure.text!r} at [{figure.start}, {figure.end}) is not in the paragraph")
        labels = tuple(label for label in label_set if label in self.labels)
        figures = tuple(sorted(self.figures, key=lambda f: (f.start, f.end)))
        return Annotation(labels=labels, figures=figures)

    def same_as(self, other: Annotation) -> bool:
        return self.model_dump() == other.model_dump()
