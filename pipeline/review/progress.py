"""Progress of a review: what is settled, what remains, who did what, and how the model fares so far.

Accuracy is reported twice: over every settled paragraph (biased towards the
queues that hunt errors) and over those first decided from the random queue,
which estimates the model's accuracy on the whole collection without that bias.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from .gold import settled
from .records import Annotation
from .store import ReviewStore


@dataclass(frozen=True)
class Accuracy:
    paragraphs: int = 0
    exact_labels: int = 0
    label_hits: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # label -> (tp, fp, fn)
    figures_predicted: int = 0
    figures_gold: int = 0
    figures_matched: int = 0

    @property
    def exact_rate(self) -> float | None:
        return self.exact_labels / self.paragraphs if self.paragraphs else None

    @property
    def figure_precision(self) -> float | None:
        return self.figures_matched / self.figures_predicted if self.figures_predicted else None

    @property
    def figure_recall(self) -> float | None:
        return self.figures_matched / self.figures_gold if self.figures_gold else None


@dataclass(frozen=True)
class ReviewerActivity:
    name: str
    decisions: int
    accepted: int
    skipped: int
    undone: int
    last: str | None


@dataclass(frozen=True)
class Progress:
    paragraphs: int
    settled: int
    awaiting_adjudication: int
    gold_label_counts: dict[str, int]
    predicted_label_counts: dict[str, int]
    reviewers: list[ReviewerActivity]
    accuracy: Accuracy
    random_accuracy: Accuracy

    @property
    def remaining(self) -> int:
        return self.paragraphs - self.settled


def _figure_key(f: dict) -> tuple:
    return (f["start"], f["end"], float(f["value"]), f["unit"])


def accuracy(pairs: list[tuple[list[str], list[dict], Annotation]], labels: tuple[str, ...]) -> Accuracy:
    """Model against gold for (predicted labels, predicted figures, gold) triples."""
    hits = {label: [0, 0, 0] for label in labels}
    exact = predicted_n = gold_n = matched = 0
    for predicted, predicted_figures, gold in pairs:
        exact += set(predicted) == set(gold.labels)
        for label in labels:
            p, g = label in predicted, label in gold.labels
            hits[label][0 if p and g else 1 if p else 2] += p or g
        gold_keys = Counter(_figure_key(f.model_dump()) for f in gold.figures)
        predicted_n += len(predicted_figures)
        gold_n += len(gold.figures)
        for f in predicted_figures:
            if gold_keys[_figure_key(f)] > 0:
                gold_keys[_figure_key(f)] -= 1
                matched += 1
    return Accuracy(len(pairs), exact, {k: tuple(v) for k, v in hits.items()}, predicted_n, gold_n, matched)  # type: ignore[misc]


def progress(store: ReviewStore) -> Progress:
    with store.connect() as db:
        total = db.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
        predicted = Counter(label for (labels,) in db.execute("SELECT labels FROM paragraphs")
                            for label in json.loads(labels))
        first_queue = {k: q for k, q in db.execute(
            "SELECT paragraph_key, queue FROM decisions WHERE id IN "
            "(SELECT min(id) FROM decisions WHERE action = 'accept' GROUP BY paragraph_key)")}
        activity = [ReviewerActivity(*row) for row in db.execute(
            "SELECT reviewer, count(*), sum(action = 'accept'), sum(action = 'skip'), sum(action = 'undo'), max(at) "
            "FROM decisions GROUP BY reviewer ORDER BY reviewer")]
        doubles = {k for (k,) in db.execute("SELECT key FROM paragraphs WHERE reviews_required > 1 AND "
                                            "(SELECT count(*) FROM annotations a WHERE a.paragraph_key = key "
                                            "AND a.state IS NOT NULL AND a.slot NOT IN ('shared', 'adjudicated')) >= 2")}
    gold_counts: Counter[str] = Counter()
    pairs, random_pairs = [], []
    settled_keys = set()
    for row, gold in settled(store):
        settled_keys.add(row["key"])
        gold_counts.update(gold.labels)
        triple = (json.loads(row["labels"]), json.loads(row["figures"]), gold)
        pairs.append(triple)
        if first_queue.get(row["key"]) == "random":
            random_pairs.append(triple)
    known = [*store.labels]
    for reviewer in store.reviewers():
        if reviewer not in {a.name for a in activity}:
            activity.append(ReviewerActivity(reviewer, 0, 0, 0, 0, None))
    return Progress(
        paragraphs=total, settled=len(settled_keys), awaiting_adjudication=len(doubles - settled_keys),
        gold_label_counts={label: gold_counts[label] for label in known},
        predicted_label_counts={label: predicted[label] for label in known},
        reviewers=sorted(activity, key=lambda a: a.name),
        accuracy=accuracy(pairs, store.labels), random_accuracy=accuracy(random_pairs, store.labels))
