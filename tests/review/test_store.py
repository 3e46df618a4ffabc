"""The decision log: versions, conflicts, undo, skip, double review, re-import."""
from __future__ import annotations

import json
import threading

import pytest

from pipeline.errors import ReviewError
from pipeline.review import ReviewStore
from pipeline.review.gold import settled
from pipeline.review.queues import get_queue, remaining
from pipeline.review.records import Annotation, FigureRecord
from pipeline.review.sources import read_source
from pipeline.review.store import ADJUDICATED, SHARED


def predicted(store: ReviewStore, key: str, *labels: str) -> Annotation:
    row = store.paragraph(key)
    return Annotation(labels=labels or tuple(json.loads(row["labels"])),
                      figures=tuple(FigureRecord(**f) for f in json.loads(row["figures"])))


def test_concurrent_saves_of_one_version_give_one_conflict_and_lose_nothing(run):
    store = ReviewStore(run.db)
    key = run.hostile_key
    results: dict[str, object] = {}
    barrier = threading.Barrier(2)

    def save(name: str, label: str) -> None:
        barrier.wait()
        try:
            results[name] = store.decide(key, reviewer=name, annotation=predicted(store, key, label), expected_version=0)
        except ReviewError as e:
            results[name] = e

    threads = [threading.Thread(target=save, args=a) for a in (("alice", "issue"), ("bob", "measure"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    errors = [r for r in results.values() if isinstance(r, ReviewError)]
    assert len(errors) == 1 and errors[0].status == 409 and errors[0].code == "E071"
    loser = next(name for name, r in results.items() if isinstance(r, ReviewError))
    winner = "bob" if loser == "alice" else "alice"
    assert winner in str(errors[0])
    # the loser still has their edit and saves it knowingly against the current version
    store.decide(key, reviewer=loser, annotation=predicted(store, key, "other"), expected_version=1)
    history = store.history(key)
    assert [(d.reviewer, d.version) for d in history] == [(winner, 1), (loser, 2)]
    assert history[1].before == history[0].after and history[1].after.labels == ("other",)


def test_undo_after_saving_restores_the_state_before_and_versions_keep_growing(run):
    store = ReviewStore(run.db)
    key = run.hostile_key
    store.decide(key, reviewer="alice", annotation=predicted(store, key, "issue"), expected_version=0)
    store.decide(key, reviewer="alice", annotation=predicted(store, key, "measure"), expected_version=1)
    undo = store.undo(reviewer="alice")
    assert undo.undoes == 2 and undo.after.labels == ("issue",)
    assert store.stored(key, SHARED).annotation.labels == ("issue",) and store.stored(key, SHARED).version == 3
    store.undo(reviewer="alice")
    assert store.stored(key, SHARED).annotation is None and store.stored(key, SHARED).version == 4
    with pytest.raises(ReviewError) as e:
        store.undo(reviewer="alice")
    assert e.value.code == "E078"


def test_undo_is_refused_when_someone_changed_the_item_since(run):
    store = ReviewStore(run.db)
    key = run.hostile_key
    store.decide(key, reviewer="alice", annotation=predicted(store, key, "issue"), expected_version=0)
    store.decide(key, reviewer="bob", annotation=predicted(store, key, "other"), expected_version=1)
    with pytest.raises(ReviewError) as e:
        store.undo(reviewer="alice")
    assert e.value.status == 409 and "bob" in str(e.value)
    assert store.stored(key, SHARED).annotation.labels == ("other",)


def test_a_skipped_item_leaves_the_queue_until_the_skip_is_undone(run):
    store = ReviewStore(run.db)
    queue = get_queue(store, "report")
    first = remaining(store, queue, "alice")[0]
    store.skip(first, reviewer="alice", queue="report")
    assert first not in remaining(store, queue, "alice", limit=-1)
    assert first in remaining(store, queue, "bob", limit=-1)
    store.undo(reviewer="alice")
    assert remaining(store, queue, "alice")[0] == first


def test_double_review_keeps_reviewers_apart_and_settles_on_agreement_or_adjudication(run):
    store = ReviewStore(run.db)
    agreed, disputed = remaining(store, get_queue(store, "report"), "alice", limit=2)
    for key in (agreed, disputed):
        store.set_reviews_required(key, 2)
    store.decide(agreed, reviewer="alice", annotation=predicted(store, agreed, "measure"), expected_version=0)
    store.decide(agreed, reviewer="bob", annotation=predicted(store, agreed, "measure"), expected_version=0)
    store.decide(disputed, reviewer="alice", annotation=predicted(store, disputed, "issue"), expected_version=0)
    assert disputed in remaining(store, get_queue(store, "report"), "bob", limit=-1)
    assert disputed not in remaining(store, get_queue(store, "report"), "alice", limit=-1)
    store.decide(disputed, reviewer="bob", annotation=predicted(store, disputed, "improvement"), expected_version=0)
    assert {row["key"] for row, _ in settled(store)} == {agreed}
    store.decide(disputed, reviewer="carol", annotation=predicted(store, disputed, "issue", "improvement"),
                 expected_version=0, adjudicate=True)
    gold = dict((row["key"], a) for row, a in settled(store))
    assert gold[disputed].labels == ("issue", "improvement")
    assert set(store.annotations(disputed)) == {"alice", "bob", ADJUDICATED}
    with pytest.raises(ReviewError):
        store.set_reviews_required(disputed, 1)


def test_reimporting_a_report_keeps_its_decisions(run, imported):
    store = ReviewStore(run.db)
    key = run.hostile_key
    store.decide(key, reviewer="alice", annotation=predicted(store, key, "issue"), expected_version=0)
    hostile = imported.db.parent / "reports" / "hostile.txt"
    for rows in read_source(hostile):
        store.ingest(rows)
    assert store.stored(key, SHARED).annotation.labels == ("issue",)
    assert len(store.history(key)) == 1


def test_a_figure_that_is_not_in_the_paragraph_is_refused(run):
    store = ReviewStore(run.db)
    bad = Annotation(labels=("measure",), figures=(FigureRecord(text="99条", start=0, end=3, value=99, unit="条"),))
    with pytest.raises(ReviewError) as e:
        store.decide(run.hostile_key, reviewer="alice", annotation=bad, expected_version=0)
    assert e.value.status == 400 and "not in the paragraph" in str(e.value)
    with pytest.raises(ReviewError) as e:
        store.decide(run.hostile_key, reviewer="alice", annotation=Annotation(labels=("nonsense",)), expected_version=0)
    assert e.value.status == 400
