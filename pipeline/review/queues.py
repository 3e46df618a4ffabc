"""Review queues: which paragraphs a reviewer still has to decide, in the order most likely to find errors.

Each queue is data: a filter and an order over the ``paragraphs`` table (see
:mod:`pipeline.review.signals` for the columns).  ``label:<name>`` queues
are built from the label set.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import Errors, ReviewError
from .store import ADJUDICATED, SHARED, ReviewStore


@dataclass(frozen=True)
class Queue:
    name: str
    title: str
    where: str
    order: str


QUEUES = (
    Queue("uncertain", "Least certain first (classifier margin)", "1", "p.margin, p.key"),
    Queue("disagreement", "Rules and model disagree", "p.disagreement = 1", "p.margin, p.key"),
    Queue("contradiction", "Prose figure contradicts a table cell", "p.contradiction = 1", "p.report_id, p.seq"),
    Queue("random", "Random slice (unbiased accuracy)", "1", "p.shuffle"),
    Queue("report", "Report by report, in reading order", "1", "p.report_id, p.seq"),
)

_REMAINING = f"""
    (CASE WHEN p.reviews_required > 1 THEN
        NOT EXISTS (SELECT 1 FROM annotations a WHERE a.paragraph_key = p.key AND a.slot = :reviewer
                    AND a.state IS NOT NULL)
        AND (SELECT count(*) FROM annotations a WHERE a.paragraph_key = p.key AND a.state IS NOT NULL
             AND a.slot NOT IN ('{SHARED}', '{ADJUDICATED}')) < p.reviews_required
     ELSE NOT EXISTS (SELECT 1 FROM annotations a WHERE a.paragraph_key = p.key AND a.slot = '{SHARED}'
                      AND a.state IS NOT NULL) END)
    AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.paragraph_key = p.key AND d.reviewer = :reviewer
                    AND d.action = 'skip' AND NOT EXISTS (SELECT 1 FROM decisions u WHERE u.undoes = d.id))
"""


def queues(labels: tuple[str, ...]) -> dict[str, Queue]:
    by_label = [Queue(f"label:{label}", f"Predicted {label}, least certain first",
                      f"EXISTS (SELECT 1 FROM json_each(p.labels) WHERE value = '{label}')", "p.margin, p.key")
                for label in labels if label.isidentifier()]
    return {q.name: q for q in (*QUEUES, *by_label)}


def get_queue(store: ReviewStore, name: str) -> Queue:
    found = queues(store.labels).get(name)
    if found is None:
        raise ReviewError(Errors.E072, status=400, reason=f"unknown queue {name!r}; choose among {list(queues(store.labels))}")
    return found


def remaining(store: ReviewStore, queue: Queue, reviewer: str, *, limit: int = 1, offset: int = 0) -> list[str]:
    """Keys of the paragraphs ``reviewer`` still has to decide in ``queue``, in queue order."""
    with store.connect() as db:
        rows = db.execute(f"SELECT p.key FROM paragraphs p WHERE ({queue.where}) AND {_REMAINING} "
                          f"ORDER BY {queue.order} LIMIT :limit OFFSET :offset",
                          {"reviewer": reviewer, "limit": limit, "offset": offset}).fetchall()
    return [r[0] for r in rows]


def counts(store: ReviewStore, reviewer: str) -> dict[str, tuple[int, int]]:
    """Per queue: (remaining for ``reviewer``, size)."""
    out = {}
    with store.connect() as db:
        for queue in queues(store.labels).values():
            size = db.execute(f"SELECT count(*) FROM paragraphs p WHERE {queue.where}").fetchone()[0]
            left = db.execute(f"SELECT count(*) FROM paragraphs p WHERE ({queue.where}) AND {_REMAINING}",
                              {"reviewer": reviewer}).fetchone()[0]
            out[queue.name] = (left, size)
    return out
