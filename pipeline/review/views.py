"""What the item screen shows, assembled from the store: plain data for the templates and the script."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .queues import get_queue, remaining
from .store import ADJUDICATED, SHARED, ReviewStore


@dataclass(frozen=True)
class Neighbour:
    key: str
    text: str


def segments(text: str, figures: list[dict[str, Any]]) -> list[tuple[str, int | None]]:
    """``text`` cut at figure boundaries: (piece, index of the figure it belongs to or None); overlaps skipped."""
    out: list[tuple[str, int | None]] = []
    at = 0
    for n, figure in sorted(enumerate(figures), key=lambda p: p[1]["start"]):
        if figure["start"] < at:
            continue
        out.append((text[at:figure["start"]], None))
        out.append((text[figure["start"]:figure["end"]], n))
        at = figure["end"]
    out.append((text[at:], None))
    return [s for s in out if s[0]]


def item_view(store: ReviewStore, key: str, reviewer: str, *, queue: str, adjudicate: bool) -> dict[str, Any]:
    paragraph = store.paragraph(key)
    get_queue(store, queue)
    slot = store.slot_for(paragraph, reviewer, adjudicate=adjudicate)
    slots = store.annotations(key)
    mine = store.stored(key, slot)
    predicted_labels = json.loads(paragraph["labels"])
    predicted_figures = json.loads(paragraph["figures"])
    if mine is not None and mine.annotation is not None:
        labels, figures = list(mine.annotation.labels), [f.model_dump() for f in mine.annotation.figures]
    else:
        labels, figures = predicted_labels, predicted_figures
    with store.connect() as db:
        report = db.execute("SELECT * FROM reports WHERE report_id = ?", (paragraph["report_id"],)).fetchone()
        before = db.execute("SELECT key, text FROM paragraphs WHERE report_id = ? AND seq < ? ORDER BY seq DESC LIMIT 1",
                            (paragraph["report_id"], paragraph["seq"])).fetchone()
        after = db.execute("SELECT key, text FROM paragraphs WHERE report_id = ? AND seq > ? ORDER BY seq LIMIT 1",
                           (paragraph["report_id"], paragraph["seq"])).fetchone()
        cells = {r["key"]: {"key": r["key"], "raw": r["raw"], "value": r["value"], "semantics": r["semantics"]}
                 for r in db.execute("SELECT * FROM cells WHERE report_id = ?", (paragraph["report_id"],))}
        checks = []
        for row in db.execute("SELECT * FROM figure_checks WHERE paragraph_key = ?", (key,)):
            if row["figure_index"] < len(predicted_figures):
                figure = predicted_figures[row["figure_index"]]
                checks.append({"start": figure["start"], "end": figure["end"], "rule": row["rule"],
                               "status": row["status"], "message": row["message"],
                               "cells": [cells.get(k, {"key": k, "raw": None, "value": None, "semantics": "missing"})
                                         for k in json.loads(row["cells"])]})
        cluster_size = db.execute("SELECT count(*) FROM paragraphs WHERE cluster = ?", (paragraph["cluster"],)).fetchone()[0]
    # the adjudicator sees each reviewer's annotation; a reviewer never sees the other's before deciding
    others = {s: st for s, st in slots.items() if s not in (SHARED, ADJUDICATED)} if adjudicate else {}
    return {
        "paragraph": paragraph, "report": report, "queue": queue, "adjudicate": adjudicate, "slot": slot,
        "before": Neighbour(*before) if before else None, "after": Neighbour(*after) if after else None,
        "scores": json.loads(paragraph["scores"]), "provenance": json.loads(paragraph["provenance"]),
        "predicted_labels": predicted_labels, "history": store.history(key), "cluster_size": cluster_size,
        "segments": segments(paragraph["text"], figures), "others": others, "checks": checks,
        "saved": mine is not None and mine.annotation is not None,
        "data": {
            "key": key, "text": paragraph["text"], "version": mine.version if mine else 0, "labels": labels,
            "figures": figures, "labelSet": list(store.labels), "queue": queue, "adjudicate": adjudicate,
            "checks": checks, "cluster": paragraph["cluster"], "predictedFigures": predicted_figures,
        },
    }


def next_key(store: ReviewStore, queue: str, reviewer: str) -> str | None:
    found = remaining(store, get_queue(store, queue), reviewer)
    return found[0] if found else None
