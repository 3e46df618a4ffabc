"""The reviewed truth of each paragraph, and its export as gold JSON Lines.

A paragraph reviewed by one person is settled by the shared annotation; one
set for two reviews by the adjudicated annotation, or by the two reviewers'
annotations when they agree.  Anything else is not gold yet.

The export writes one line per settled paragraph, in the formats of
``../shared/spec/labels.md`` and ``figures.md`` at once (``gongkai train
--extra`` reads the label fields, the figure scorer the ``figures``).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .records import Annotation
from .store import ADJUDICATED, SHARED, ReviewStore

SPEC_FIGURE_FIELDS = ("text", "start", "end", "value", "value_max", "approx", "unit", "kind", "item", "action", "negated")


@dataclass(frozen=True)
class Settled:
    key: str
    annotation: Annotation


def settle(slots: dict[str, Annotation], reviews_required: int) -> Annotation | None:
    """The gold annotation of a paragraph from the annotations in its slots, or None while unsettled."""
    if ADJUDICATED in slots:
        return slots[ADJUDICATED]
    if reviews_required <= 1:
        return slots.get(SHARED)
    personal = [a for slot, a in slots.items() if slot not in (SHARED, ADJUDICATED)]
    if len(personal) >= 2 and all(a.same_as(personal[0]) for a in personal[1:]):
        return personal[0]
    return None


def slots_by_paragraph(store: ReviewStore) -> dict[str, dict[str, Annotation]]:
    out: dict[str, dict[str, Annotation]] = {}
    with store.connect() as db:
        for row in db.execute("SELECT paragraph_key, slot, state FROM annotations WHERE state IS NOT NULL ORDER BY at"):
            out.setdefault(row["paragraph_key"], {})[row["slot"]] = Annotation.model_validate_json(row["state"])
    return out


def settled(store: ReviewStore) -> Iterator[tuple[Any, Annotation]]:
    """(paragraph row joined with its report, gold annotation) for every settled paragraph, in report order."""
    slots = slots_by_paragraph(store)
    with store.connect() as db:
        rows = db.execute("SELECT p.*, r.year, r.edition, r.source FROM paragraphs p JOIN reports r USING (report_id) "
                          "ORDER BY p.report_id, p.seq").fetchall()
    for row in rows:
        gold = settle(slots.get(row["key"], {}), row["reviews_required"])
        if gold is not None:
            yield row, gold


def gold_line(row: Any, gold: Annotation) -> dict[str, Any]:
    return {
        "id": row["key"], "text": row["text"], "labels": list(gold.labels), "heading": row["heading"],
        "year": row["year"], "format": row["edition"], "source": row["source"],
        "figures": [{k: getattr(f, k) for k in SPEC_FIGURE_FIELDS} for f in gold.figures],
    }


def export_gold(store: ReviewStore, out: IO[str]) -> int:
    """Write every settled paragraph as one gold JSON line; returns how many."""
    n = 0
    for row, gold in settled(store):
        out.write(json.dumps(gold_line(row, gold), ensure_ascii=False) + "\n")
        n += 1
    return n


def export_file(store: ReviewStore, path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        return export_gold(store, out)
