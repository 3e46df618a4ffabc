"""Labeled paragraphs for training and evaluation (JSON Lines, the gold format of spec/labels.md)."""
from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import Errors, InputError
from ..jsonl_input import read_record
from .settings import NARRATIVE, ROUTINE

REPO = Path(__file__).resolve().parents[2]
CORPUS_DIR = REPO / "corpora" / "labels"
REVIEWED_DIR = CORPUS_DIR / "reviewed"
LABELS = NARRATIVE + ROUTINE


@dataclass(frozen=True)
class Example:
    id: str
    text: str
    heading: str | None
    labels: tuple[str, ...]
    source: str


def read_examples(path: Path, *, source: str | None = None) -> list[Example]:
    """Examples of one gold file; raises :class:`InputError` naming the line of a bad entry."""
    examples = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as e:
        raise InputError(Errors.E001, path=path) from e
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        row = read_record(line, name=str(path), number=number, optional_text=("heading",))
        if "labels" not in row:
            raise InputError(Errors.E031, path=path, line=number, field="labels")
        unknown = set(row["labels"]) - set(LABELS)
        if unknown or not row["labels"]:
            raise InputError(Errors.E030, path=path, line=number, reason=f"labels must be a non-empty subset of {LABELS}")
        examples.append(Example(id=str(row["id"]), text=row["text"], heading=row.get("heading") or None,
                                labels=tuple(sorted(set(row["labels"]), key=LABELS.index)),
                                source=source or path.name))
    return examples


def default_sources() -> list[Path]:
    """The repository's training files: ``corpora/labels/*.jsonl`` plus reviewed-label exports."""
    return sorted(CORPUS_DIR.glob("*.jsonl")) + sorted(REVIEWED_DIR.glob("*.jsonl"))


def read_corpus(paths: Iterable[Path]) -> list[Example]:
    return [example for path in paths for example in read_examples(path)]


def label_counts(examples: Sequence[Example]) -> dict[str, int]:
    counts = Counter(label for example in examples for label in example.labels)
    return {label: counts[label] for label in LABELS}


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
