"""Specificity: are the problems a report admits stated concretely or only in stock phrases?"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .config import AuditConfig
from .findings import Finding

# Problem lists are written "一是…;二是…" or as sentences; each piece is one statement.
_STATEMENT = re.compile(r"[。;；!！?？]|[一二三四五六七八九十]是")
SHOWN = 4  # evidence phrases quoted per finding


@dataclass(frozen=True)
class ProblemParagraph:
    paragraph_id: str
    text: str
    confidence: float  # the classifier's confidence that it states a problem (1.0 from the heading alone)


def issue_confidence(labels: list[str] | None, scores: str | None, in_problems_part: bool) -> float | None:
    """How sure we are that a paragraph states a problem; None when it does not."""
    score = json.loads(scores).get("issue", 0.0) if isinstance(scores, str) and scores else None
    if labels is not None and "issue" in labels:
        return max(score or 0.0, 0.5)
    if score is not None:
        return score
    return 1.0 if in_problems_part else None


def specificity_finding(rid: str, paragraphs: list[ProblemParagraph], config: AuditConfig) -> Finding:
    """``left`` is the confidence-weighted share of concrete problem statements."""
    rule = "audit.specificity"
    concrete = generic = 0.0
    concrete_evidence: list[str] = []
    generic_evidence: list[str] = []
    for p in paragraphs:
        for statement in filter(None, (s.strip(" ,，、:：") for s in _STATEMENT.split(p.text))):
            hits = [(c.id, m.group(0)) for c in config.concrete if (m := c.pattern.search(statement))]
            if hits:
                concrete += p.confidence
                concrete_evidence.append(f"{hits[0][0]}:「{statement[:30]}」")
                continue
            stock = [(g.id, m.group(0)) for g in config.generic if (m := g.pattern.search(statement)) and m.group(0)]
            if stock:
                generic += p.confidence
                generic_evidence.append(f"{stock[0][0]}:「{stock[0][1]}」")
    ids = tuple(p.paragraph_id for p in paragraphs)
    if concrete + generic == 0:
        return Finding(rid, rule, "uncertain", "no problem statement found to judge", ids)
    share = concrete / (concrete + generic)
    status = "pass" if share >= config.concrete_share else "uncertain"
    verdict = "concrete" if status == "pass" else "generic"
    message = (f"problems {verdict}: {share:.2f} of statements concrete (threshold {config.concrete_share:g}); "
               f"generic {', '.join(generic_evidence[:SHOWN]) or 'none'}; "
               f"concrete {', '.join(concrete_evidence[:SHOWN]) or 'none'}")
    return Finding(rid, rule, status, message, ids, round(share, 4), config.concrete_share,
                   round(share - config.concrete_share, 4))
