"""Copying: narrative similarity to the agency's previous report and to every other report.

Whole-report similarity is the exact Jaccard similarity of character
shingles; candidates across the corpus come from MinHash/LSH, so the work
grows with the number of reports, not with the number of pairs.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from .config import CopyingSettings
from .findings import Finding
from .shingles import Signer, jaccard, normalise, shingle_set

SNIPPET = 60  # characters of a passage quoted in a finding's message


@dataclass(frozen=True)
class Passage:
    paragraph_id: str
    part: str | None
    text: str


@dataclass(frozen=True)
class Narrative:
    """A report's narrative paragraphs, and the names that are masked before comparing."""

    report_id: str
    agency_key: str | None
    label: str  # "agency year", for messages
    passages: tuple[Passage, ...]
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class PassageMatch:
    report_id: str
    rule: str
    paragraph_id: str
    other_report_id: str
    other_paragraph_id: str
    similarity: float
    text: str
    other_text: str


class CopyAudit:
    """``fit`` indexes narratives; ``previous`` and ``corpus`` compare them and return findings."""

    def __init__(self, settings: CopyingSettings) -> None:
        self.settings = settings

    def fit(self, narratives: Iterable[Narrative]) -> CopyAudit:
        s = self.settings
        signer = Signer(s.num_perm)
        self.narratives_ = {n.report_id: n for n in narratives}
        self.sets_: dict[str, np.ndarray] = {}
        self.lsh_ = MinHashLSH(threshold=s.lsh_threshold, num_perm=s.num_perm)
        self.signatures_: dict[str, MinHash] = {}
        for rid, n in self.narratives_.items():
            text = normalise("".join(p.text for p in n.passages), n.names)
            if len(text) < s.min_chars:
                continue
            self.sets_[rid] = shingle_set(text, s.shingle)
            m = MinHash(s.num_perm, hashvalues=signer.sign(self.sets_[rid]), scheme="affine32")
            self.signatures_[rid] = m
            self.lsh_.insert(rid, m)
        self.matches_: list[PassageMatch] = []
        return self

    def previous(self, pairs: dict[str, str]) -> Iterator[Finding]:
        """One finding per report that has a previous report of the same agency."""
        for rid, prev in sorted(pairs.items()):
            if rid not in self.narratives_ or prev not in self.narratives_:
                continue
            yield self._compare(rid, prev, "audit.copying.previous", "the agency's previous report")

    def corpus(self, report_ids: Iterable[str]) -> Iterator[Finding]:
        """The most similar report of another agency anywhere in the corpus, for each report."""
        for rid in sorted(report_ids):
            if rid not in self.narratives_:
                continue
            if rid not in self.sets_:
                yield self._too_short(rid, "audit.copying.corpus")
                continue
            agency = self.narratives_[rid].agency_key
            candidates = [c for c in self.lsh_.query(self.signatures_[rid])
                          if c != rid and (agency is None or self.narratives_[c].agency_key != agency)]
            scored = sorted(((jaccard(self.sets_[rid], self.sets_[c]), c) for c in candidates), reverse=True)
            if not scored:
                yield Finding(rid, "audit.copying.corpus", "pass",
                              f"no report of another agency above the candidate threshold "
                              f"{self.settings.lsh_threshold:g}", (), 0.0, self.settings.fail_at)
                continue
            yield self._compare(rid, scored[0][1], "audit.copying.corpus", "the most similar report of another agency",
                                similarity=scored[0][0])

    def _too_short(self, rid: str, rule: str) -> Finding:
        return Finding(rid, rule, "uncertain",
                       f"narrative shorter than {self.settings.min_chars} characters: too short to judge")

    def _compare(self, rid: str, other: str, rule: str, what: str, *, similarity: float | None = None) -> Finding:
        s = self.settings
        if rid not in self.sets_ or other not in self.sets_:
            return self._too_short(rid, rule)
        if similarity is None:
            similarity = jaccard(self.sets_[rid], self.sets_[other])
        status = "fail" if similarity >= s.fail_at else "pass"
        parts = self._part_similarity(rid, other)
        message = (f"similarity {similarity:.2f} to {what}, {self.narratives_[other].label} ({other})"
                   + ("; by part: " + ", ".join(f"{p} {v:.2f}" for p, v in parts) if parts else ""))
        cells: tuple[str, ...] = (other,)
        if status == "fail":
            top = self._passages(rid, other, rule)
            self.matches_.extend(top)
            cells += tuple(f"{m.paragraph_id}~{m.other_paragraph_id}" for m in top)
            message += "; most similar: " + " | ".join(
                f"{m.paragraph_id} {m.similarity:.2f} 「{m.text[:SNIPPET]}」" for m in top)
        return Finding(rid, rule, status, message, cells, similarity, s.fail_at, similarity - s.fail_at)

    def _part_similarity(self, rid: str, other: str) -> list[tuple[str, float]]:
        def by_part(n: Narrative) -> dict[str, str]:
            out: dict[str, str] = {}
            for p in n.passages:
                if p.part:
                    out[p.part] = out.get(p.part, "") + p.text
            return out

        mine, theirs = by_part(self.narratives_[rid]), by_part(self.narratives_[other])
        k = self.settings.shingle
        names = self.narratives_[rid].names, self.narratives_[other].names
        return [(part, jaccard(shingle_set(normalise(mine[part], names[0]), k),
                               shingle_set(normalise(theirs[part], names[1]), k)))
                for part in sorted(set(mine) & set(theirs))]

    def _passages(self, rid: str, other: str, rule: str) -> list[PassageMatch]:
        """This report's paragraphs most similar to a paragraph of ``other``, best first."""
        k = self.settings.shingle
        mine, theirs = self.narratives_[rid], self.narratives_[other]
        their_sets = [(p, shingle_set(normalise(p.text, theirs.names), k)) for p in theirs.passages]
        matches = []
        for p in mine.passages:
            own = shingle_set(normalise(p.text, mine.names), k)
            best = max(((jaccard(own, s), q) for q, s in their_sets), key=lambda t: t[0], default=None)
            if best and best[0] > 0:
                matches.append(PassageMatch(rid, rule, p.paragraph_id, other, best[1].paragraph_id,
                                            round(best[0], 4), p.text, best[1].text))
        matches.sort(key=lambda m: (-m.similarity, m.paragraph_id))
        return matches[: self.settings.passages]
