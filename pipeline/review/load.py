"""``gongkai review import`` as a plain function: sources in, paragraphs in the review database."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import GongkaiError
from .sources import read_source
from .store import ReviewStore


@dataclass(frozen=True)
class ImportOutcome:
    source: Path
    reports: int = 0
    paragraphs: int = 0
    error: GongkaiError | None = None


def import_sources(db: Path, sources: list[Path], *, double_fraction: float = 0.0) -> list[ImportOutcome]:
    """Import every source into ``db`` (created when missing); one outcome per source read or failed."""
    store = ReviewStore(db, create=True)
    outcomes = []
    for path in sources:
        reports = paragraphs = 0
        try:
            for rows in read_source(path):
                summary = store.ingest(rows, double_fraction=double_fraction)
                reports, paragraphs = reports + summary.reports, paragraphs + summary.paragraphs
        except GongkaiError as e:
            outcomes.append(ImportOutcome(path, reports, paragraphs, error=e))
            continue
        outcomes.append(ImportOutcome(path, reports, paragraphs))
    return outcomes
