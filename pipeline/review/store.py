"""The review database: imported predictions, reviewers, and an append-only log of decisions.

SQLite in WAL mode, so readers never block the one writer.  Every change to
an annotation goes through :meth:`ReviewStore.decide` or
:meth:`ReviewStore.undo`, which append a decision (who, when, before, after)
and bump the annotation's version in one ``BEGIN IMMEDIATE`` transaction: a
save made against an older version is refused with a conflict instead of
overwriting what another reviewer saved meanwhile.

An annotation lives in a *slot*: ``shared`` for a paragraph one person
reviews, the reviewer's own name for a paragraph set to be reviewed by two
(so the two never see or overwrite each other's work), and ``adjudicated``
for the decision that settles a disagreement.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import Errors, ReviewError
from ..labels.settings import load_settings
from ..tidy import TidyRows
from . import signals
from .records import Annotation

SCHEMA_VERSION = "gongkai.review.v1"
SHARED = "shared"
ADJUDICATED = "adjudicated"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reports (
    report_id TEXT PRIMARY KEY, source TEXT, title TEXT, agency TEXT, year INTEGER, edition TEXT);
CREATE TABLE IF NOT EXISTS paragraphs (
    key TEXT PRIMARY KEY, report_id TEXT NOT NULL, paragraph_id TEXT NOT NULL, seq INTEGER NOT NULL,
    heading TEXT, text TEXT NOT NULL, labels TEXT NOT NULL, scores TEXT NOT NULL, provenance TEXT NOT NULL,
    figures TEXT NOT NULL, margin REAL NOT NULL, disagreement INTEGER NOT NULL, contradiction INTEGER NOT NULL,
    cluster TEXT NOT NULL, shuffle TEXT NOT NULL, reviews_required INTEGER NOT NULL DEFAULT 1);
CREATE INDEX IF NOT EXISTS paragraphs_report ON paragraphs (report_id, seq);
CREATE INDEX IF NOT EXISTS paragraphs_cluster ON paragraphs (cluster);
CREATE TABLE IF NOT EXISTS cells (
    report_id TEXT NOT NULL, key TEXT NOT NULL, raw TEXT, value REAL, semantics TEXT, PRIMARY KEY (report_id, key));
CREATE TABLE IF NOT EXISTS figure_checks (
    paragraph_key TEXT NOT NULL, figure_index INTEGER NOT NULL, rule TEXT NOT NULL, status TEXT NOT NULL,
    message TEXT NOT NULL, cells TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reviewers (name TEXT PRIMARY KEY, token_hash TEXT NOT NULL, created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS annotations (
    paragraph_key TEXT NOT NULL, slot TEXT NOT NULL, reviewer TEXT NOT NULL, at TEXT NOT NULL,
    state TEXT, version INTEGER NOT NULL, PRIMARY KEY (paragraph_key, slot));
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT, paragraph_key TEXT NOT NULL, slot TEXT NOT NULL,
    reviewer TEXT NOT NULL, at TEXT NOT NULL, action TEXT NOT NULL, queue TEXT,
    before TEXT, after TEXT, version INTEGER NOT NULL, undoes INTEGER);
CREATE INDEX IF NOT EXISTS decisions_paragraph ON decisions (paragraph_key, id);
CREATE INDEX IF NOT EXISTS decisions_reviewer ON decisions (reviewer, id);
"""


@dataclass(frozen=True)
class ImportSummary:
    reports: int
    paragraphs: int


@dataclass(frozen=True)
class Decision:
    id: int
    paragraph_key: str
    slot: str
    reviewer: str
    at: str
    action: str
    queue: str | None
    before: Annotation | None
    after: Annotation | None
    version: int
    undoes: int | None


@dataclass(frozen=True)
class Stored:
    """A slot as saved: its annotation (None once undone), who saved it, when, and its version."""

    annotation: Annotation | None
    reviewer: str
    at: str
    version: int


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def _state(raw: str | None) -> Annotation | None:
    return None if raw is None else Annotation.model_validate_json(raw)


def _dump(annotation: Annotation | None) -> str | None:
    return None if annotation is None else annotation.model_dump_json()


class ReviewStore:
    """One review database file; cheap to construct, opens a connection per operation."""

    def __init__(self, path: Path, *, create: bool = False) -> None:
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise ReviewError(Errors.E076, status=404, path=self.path, reason="file not found; `gongkai review import` creates it")
        with self.connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            if create:
                db.executescript(_SCHEMA)
                db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
                db.execute("INSERT OR IGNORE INTO meta VALUES ('secret', ?)", (secrets.token_hex(32),))
            try:
                row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            except sqlite3.DatabaseError as e:
                raise ReviewError(Errors.E076, status=400, path=self.path, reason=str(e)) from e
            if row is None or row[0] != SCHEMA_VERSION:
                raise ReviewError(Errors.E076, status=400, path=self.path, reason=f"schema is not {SCHEMA_VERSION}")
        self.labels = load_settings().labels

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA busy_timeout = 10000")
        try:
            yield db
        finally:
            db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self.connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    @property
    def secret(self) -> bytes:
        with self.connect() as db:
            return bytes.fromhex(db.execute("SELECT value FROM meta WHERE key = 'secret'").fetchone()[0])

    # -- import ---------------------------------------------------------------

    def ingest(self, rows: TidyRows, *, double_fraction: float = 0.0) -> ImportSummary:
        """Add reports and their prose paragraphs with predictions; re-importing a report replaces only
        its predictions, never a decision.  ``double_fraction`` of new paragraphs (a stable pseudo-random
        slice) are set to be reviewed by two people."""
        thresholds = load_settings().thresholds
        reports = {r["report_id"]: r for r in rows.reports}
        paragraphs_n = 0
        with self.transaction() as db:
            for rid, report in reports.items():
                db.execute("INSERT OR REPLACE INTO reports VALUES (?, ?, ?, ?, ?, ?)",
                           (rid, report["source"], report["title"], report["agency"], report["year"], report["edition"]))
                paragraphs = [p for p in rows.paragraphs if p["report_id"] == rid]
                figures = [f for f in rows.figures if f["report_id"] == rid]
                checks = [c for c in rows.checks if c["report_id"] == rid]
                db.execute("DELETE FROM cells WHERE report_id = ?", (rid,))
                db.executemany("INSERT INTO cells VALUES (?, ?, ?, ?, ?)",
                               [(rid, c["key"], c["raw"], c["value"], c["semantics"])
                                for c in rows.cells if c["report_id"] == rid])
                tied = signals.figure_checks(paragraphs, figures, checks)
                db.execute("DELETE FROM figure_checks WHERE paragraph_key LIKE ?", (f"{rid}:%",))
                db.executemany("INSERT INTO figure_checks VALUES (?, ?, ?, ?, ?, ?)",
                               [(f"{rid}:{t.paragraph_id}", t.figure_index, t.rule, t.status, t.message,
                                 json.dumps(t.cells)) for t in tied])
                contradicted = {t.paragraph_id for t in tied if t.status == "fail"}
                for seq, p in enumerate(sorted(paragraphs, key=lambda p: p["start"])):
                    if p["kind"] != "prose":
                        continue
                    key = f"{rid}:{p['paragraph_id']}"
                    scores, provenance = signals.scores_of(p), signals.provenance_of(p)
                    own = sorted((f for f in figures if f["paragraph_id"] == p["paragraph_id"]),
                                 key=lambda f: (f["start"], f["end"]))
                    double = int(signals.shuffle_key(key)[:8], 16) / 16**8 < double_fraction
                    db.execute(
                        """INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                           ON CONFLICT (key) DO UPDATE SET seq = excluded.seq, heading = excluded.heading,
                           text = excluded.text, labels = excluded.labels, scores = excluded.scores,
                           provenance = excluded.provenance, figures = excluded.figures, margin = excluded.margin,
                           disagreement = excluded.disagreement, contradiction = excluded.contradiction,
                           cluster = excluded.cluster""",
                        (key, rid, p["paragraph_id"], seq, p["heading"], p["text"], json.dumps(list(p["labels"] or [])),
                         json.dumps(scores), json.dumps(provenance, ensure_ascii=False),
                         json.dumps([figure_record(f) for f in own], ensure_ascii=False),
                         signals.margin(scores, thresholds), int(signals.rule_model_disagree(provenance)),
                         int(p["paragraph_id"] in contradicted), signals.cluster_key(p["text"]),
                         signals.shuffle_key(key), 2 if double else 1))
                    paragraphs_n += 1
        return ImportSummary(len(reports), paragraphs_n)

    # -- reviewers ------------------------------------------------------------

    def add_reviewer(self, name: str) -> str:
        """Create (or re-key) reviewer ``name``; returns the new sign-in token, stored only as a hash."""
        name = name.strip()
        if not name or len(name) > 60 or name in (SHARED, ADJUDICATED):
            raise ReviewError(Errors.E072, status=400, reason=f"reviewer name {name!r} must be 1-60 characters "
                                                              f"and not '{SHARED}' or '{ADJUDICATED}'")
        token = secrets.token_urlsafe(12)
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO reviewers VALUES (?, ?, ?)", (name, _hash(token), now()))
        return token

    def check_login(self, name: str, token: str) -> str:
        with self.connect() as db:
            row = db.execute("SELECT token_hash FROM reviewers WHERE name = ?", (name.strip(),)).fetchone()
        if row is None or not hmac.compare_digest(row[0], _hash(token.strip())):
            raise ReviewError(Errors.E074, status=401)
        return name.strip()

    def reviewers(self) -> list[str]:
        with self.connect() as db:
            return [r[0] for r in db.execute("SELECT name FROM reviewers ORDER BY name")]

    # -- reading --------------------------------------------------------------

    def paragraph(self, key: str) -> sqlite3.Row:
        with self.connect() as db:
            row = db.execute("SELECT * FROM paragraphs WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise ReviewError(Errors.E070, status=404, what="paragraph", key=key)
        return row

    def slot_for(self, paragraph: sqlite3.Row, reviewer: str, *, adjudicate: bool = False) -> str:
        if adjudicate:
            return ADJUDICATED
        return reviewer if paragraph["reviews_required"] > 1 else SHARED

    def stored(self, key: str, slot: str) -> Stored | None:
        with self.connect() as db:
            row = db.execute("SELECT * FROM annotations WHERE paragraph_key = ? AND slot = ?", (key, slot)).fetchone()
        return _stored(row)

    def annotations(self, key: str) -> dict[str, Stored]:
        """The slots of ``key`` that hold an annotation, earliest saved first."""
        with self.connect() as db:
            rows = db.execute("SELECT * FROM annotations WHERE paragraph_key = ? AND state IS NOT NULL ORDER BY at",
                              (key,)).fetchall()
        return {row["slot"]: _stored(row) for row in rows}  # type: ignore[misc]

    def history(self, key: str) -> list[Decision]:
        with self.connect() as db:
            rows = db.execute("SELECT * FROM decisions WHERE paragraph_key = ? ORDER BY id", (key,)).fetchall()
        return [_decision(r) for r in rows]

    # -- writing --------------------------------------------------------------

    def decide(self, key: str, *, reviewer: str, annotation: Annotation, expected_version: int,
               queue: str | None = None, adjudicate: bool = False, action: str = "accept") -> Stored:
        """Save ``annotation`` as ``reviewer``'s decision, if the slot is still at ``expected_version``."""
        paragraph = self.paragraph(key)
        annotation = annotation.check_against(paragraph["text"], self.labels)
        slot = self.slot_for(paragraph, reviewer, adjudicate=adjudicate)
        with self.transaction() as db:
            current = _stored(db.execute("SELECT * FROM annotations WHERE paragraph_key = ? AND slot = ?",
                                         (key, slot)).fetchone())
            _check_version(current, expected_version)
            return self._write(db, key, slot, reviewer, action, queue, current, annotation, undoes=None)

    def skip(self, key: str, *, reviewer: str, queue: str | None = None) -> None:
        """Log that ``reviewer`` passed over ``key``; the item leaves their queues until the skip is undone."""
        paragraph = self.paragraph(key)
        slot = self.slot_for(paragraph, reviewer)
        with self.transaction() as db:
            current = _stored(db.execute("SELECT * FROM annotations WHERE paragraph_key = ? AND slot = ?",
                                         (key, slot)).fetchone())
            state = _dump(current.annotation) if current else None
            db.execute("INSERT INTO decisions (paragraph_key, slot, reviewer, at, action, queue, before, after, version)"
                       " VALUES (?, ?, ?, ?, 'skip', ?, ?, ?, ?)",
                       (key, slot, reviewer, now(), queue, state, state, current.version if current else 0))

    def undo(self, *, reviewer: str) -> Decision:
        """Reverse ``reviewer``'s latest decision not yet undone (saved or not); returns the undo decision.

        Refused with a conflict when someone changed the annotation since: undo never discards their work.
        """
        with self.transaction() as db:
            row = db.execute(
                """SELECT * FROM decisions d WHERE reviewer = ? AND action != 'undo'
                   AND NOT EXISTS (SELECT 1 FROM decisions u WHERE u.undoes = d.id) ORDER BY id DESC LIMIT 1""",
                (reviewer,)).fetchone()
            if row is None:
                raise ReviewError(Errors.E078, status=409, reviewer=reviewer)
            target = _decision(row)
            current = _stored(db.execute("SELECT * FROM annotations WHERE paragraph_key = ? AND slot = ?",
                                         (target.paragraph_key, target.slot)).fetchone())
            if target.action == "skip":
                at = now()
                cursor = db.execute(
                    "INSERT INTO decisions (paragraph_key, slot, reviewer, at, action, queue, before, after, version, undoes)"
                    " VALUES (?, ?, ?, ?, 'undo', ?, ?, ?, ?, ?)",
                    (target.paragraph_key, target.slot, reviewer, at, target.queue, row["after"], row["after"],
                     target.version, target.id))
                return _decision(db.execute("SELECT * FROM decisions WHERE id = ?", (cursor.lastrowid,)).fetchone())
            # only this reviewer's own undone work may lie between the decision and now
            since = db.execute(
                """SELECT reviewer, at FROM decisions d WHERE paragraph_key = :key AND slot = :slot AND id > :id
                   AND action != 'skip' AND NOT (action = 'undo' AND reviewer = :reviewer)
                   AND NOT EXISTS (SELECT 1 FROM decisions u WHERE u.undoes = d.id AND u.reviewer = :reviewer)
                   ORDER BY id DESC LIMIT 1""",
                {"key": target.paragraph_key, "slot": target.slot, "id": target.id, "reviewer": reviewer}).fetchone()
            if since is not None:
                raise ReviewError(Errors.E079, status=409, reviewer=since["reviewer"], at=since["at"])
            self._write(db, target.paragraph_key, target.slot, reviewer, "undo", target.queue, current, target.before,
                        undoes=target.id)
            return _decision(db.execute("SELECT * FROM decisions ORDER BY id DESC LIMIT 1").fetchone())

    def set_reviews_required(self, key: str, count: int) -> None:
        """Ask for one or two independent reviews; only before anyone has decided the paragraph."""
        if count not in (1, 2):
            raise ReviewError(Errors.E072, status=400, reason="a paragraph is reviewed by one or two people")
        with self.transaction() as db:
            if db.execute("SELECT 1 FROM decisions WHERE paragraph_key = ? AND action != 'skip'", (key,)).fetchone():
                raise ReviewError(Errors.E072, status=409, reason="already reviewed; set double review before the first decision")
            if db.execute("UPDATE paragraphs SET reviews_required = ? WHERE key = ?", (count, key)).rowcount == 0:
                raise ReviewError(Errors.E070, status=404, what="paragraph", key=key)

    def _write(self, db: sqlite3.Connection, key: str, slot: str, reviewer: str, action: str, queue: str | None,
               current: Stored | None, after: Annotation | None, *, undoes: int | None) -> Stored:
        version = (current.version if current else 0) + 1
        at = now()
        db.execute("INSERT INTO decisions (paragraph_key, slot, reviewer, at, action, queue, before, after, version, undoes)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (key, slot, reviewer, at, action, queue, _dump(current.annotation) if current else None,
                    _dump(after), version, undoes))
        # An undone slot keeps its row (with no state) so that versions only ever grow.
        db.execute("INSERT OR REPLACE INTO annotations VALUES (?, ?, ?, ?, ?, ?)",
                   (key, slot, reviewer, at, _dump(after), version))
        return Stored(after, reviewer, at, version)


def figure_record(row: dict[str, Any]) -> dict[str, Any]:
    """A predicted figure (tidy row) as a record of spec/figures.md, with whole numbers as ints."""
    def number(v: float | None) -> int | float | None:
        return int(v) if v is not None and float(v).is_integer() else v

    return {"text": row["text"], "start": row["start"], "end": row["end"], "value": number(row["value"]),
            "value_max": number(row["value_max"]), "approx": row["approx"], "unit": row["unit"], "kind": row["kind"],
            "item": row["item"], "action": row["action"], "negated": bool(row["negated"]), "rule": row["rule"]}


def _check_version(current: Stored | None, expected: int) -> None:
    version = current.version if current else 0
    if version != expected:
        raise ReviewError(Errors.E071, status=409, reviewer=current.reviewer if current else "someone",
                          at=current.at if current else "?", current=version, expected=expected)


def _stored(row: sqlite3.Row | None) -> Stored | None:
    if row is None:
        return None
    return Stored(_state(row["state"]), row["reviewer"], row["at"], row["version"])


def _decision(row: sqlite3.Row) -> Decision:
    return Decision(row["id"], row["paragraph_key"], row["slot"], row["reviewer"], row["at"], row["action"],
                    row["queue"], _state(row["before"]), _state(row["after"]), row["version"], row["undoes"])


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
