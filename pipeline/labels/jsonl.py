"""JSON Lines in, JSON Lines out: the plain functions behind ``gongkai label`` and ``gongkai evaluate``."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO

from ..errors import Errors, InputError
from ..jsonl_input import read_record
from .labeler import Labeler
from .metrics import Evaluation, evaluate

BATCH = 1024


def _batches(lines: Iterable[str], *, name: str, errors: IO[str], failures: list[int]) -> Iterator[list[dict]]:
    batch = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            batch.append(read_record(line, name=name, number=number, optional_text=("heading",)))
        except InputError as e:
            errors.write(f"gongkai label: {e}\n")
            failures[0] += 1
            continue
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def label_jsonl(lines: Iterable[str], out: IO[str], *, name: str, errors: IO[str], labeler: Labeler,
                with_headings: bool = True) -> int:
    """Write ``{"id", "labels", "scores", "provenance", "spans"}`` per input line; returns the number of bad lines."""
    failures = [0]
    for batch in _batches(lines, name=name, errors=errors, failures=failures):
        decisions = labeler.label([(row["text"], row.get("heading") if with_headings else None) for row in batch])
        for row, decision in zip(batch, decisions):
            out.write(json.dumps({
                "id": row["id"],
                "labels": list(decision.labels),
                "scores": decision.scores,
                "provenance": {label: list(carried) for label, carried in decision.provenance.items()},
                "spans": {label: [list(span) for span in spans] for label, spans in decision.spans.items()},
            }, ensure_ascii=False) + "\n")
    return failures[0]


def evaluate_gold(lines: Iterable[str], *, name: str, labeler: Labeler, with_headings: bool = True) -> Evaluation:
    """Label a gold file (spec/labels.md format) and score the result against its labels."""
    rows = [read_record(line, name=name, number=n, optional_text=("heading",)) for n, line in enumerate(lines, 1) if line.strip()]
    for number, row in enumerate(rows, 1):
        if not isinstance(row.get("labels"), list):
            raise InputError(Errors.E031, path=name, line=number, field="labels")
    decisions = labeler.label([(row["text"], row.get("heading") if with_headings else None) for row in rows])
    return evaluate([row["labels"] for row in rows], [d.labels for d in decisions])
