"""Where the machine is likely wrong: the signals the review queues sort and filter on.

* ``margin``: how close the nearest label score sits to its threshold (0 = a coin toss);
* ``disagreement``: a label that rules carried without the model, i.e. rule and model disagree;
* prose-versus-table checks (rule 6 of the table spec), tied back to the figure they compared,
  so a contradicted figure can be reviewed beside its table cells;
* ``cluster``: the paragraph's wording with numbers masked, so formulaic paragraphs group;
* ``shuffle``: a stable pseudo-random order, for a random slice that measures accuracy without bias.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from ..figures.extract import CN_NUMERAL
from ..figures.prose_checks import prose_rules
from ..report import Figure

_NUMBERS = re.compile(rf"[0-9０-９][0-9０-９.,，]*|[{CN_NUMERAL}]+")
_FIGURE_FIELDS = tuple(Figure.__dataclass_fields__)


@dataclass(frozen=True)
class FigureCheck:
    paragraph_id: str
    figure_index: int
    rule: str
    status: str
    message: str
    cells: tuple[str, ...]


def margin(scores: dict[str, float], thresholds: dict[str, float]) -> float:
    """Distance of the most doubtful label score from its threshold; 1.0 when there are no scores."""
    gaps = [abs(score - thresholds.get(label, 0.5)) for label, score in scores.items()]
    return round(min(gaps), 6) if gaps else 1.0


def rule_model_disagree(provenance: dict[str, list[str]]) -> bool:
    """True when some label was given by rules alone, against the model's own vote."""
    return any(sources and not any(s.startswith("model") for s in sources) for sources in provenance.values())


def cluster_key(text: str) -> str:
    return hashlib.sha1(_NUMBERS.sub("#", text).strip().encode("utf-8")).hexdigest()[:12]


def shuffle_key(key: str) -> str:
    return hashlib.sha1(f"gongkai.review.shuffle:{key}".encode()).hexdigest()


def figure_checks(paragraphs: list[dict[str, Any]], figures: list[dict[str, Any]],
                  checks: list[dict[str, Any]]) -> list[FigureCheck]:
    """Each prose check of one report, tied to the figure it compared (the first prose figure its rule matches)."""
    rules = {rule.id: rule for rule in prose_rules()}
    prose = {p["paragraph_id"]: p for p in paragraphs if p["kind"] == "prose"}
    order = {pid: p["start"] for pid, p in prose.items()}
    ordered: list[tuple[str, int, Figure]] = []
    index: dict[str, int] = {}
    for row in sorted((f for f in figures if f["paragraph_id"] in prose),
                      key=lambda f: (order[f["paragraph_id"]], f["start"])):
        n = index.get(row["paragraph_id"], 0)
        index[row["paragraph_id"]] = n + 1
        ordered.append((row["paragraph_id"], n, Figure(**{k: row[k] for k in _FIGURE_FIELDS})))
    found = []
    for check in checks:
        rule = rules.get(check["rule"])
        if rule is None:
            continue
        hit = next(((pid, n) for pid, n, figure in ordered if rule.matches(figure)), None)
        if hit is not None:
            found.append(FigureCheck(hit[0], hit[1], check["rule"], check["status"], check["message"],
                                     tuple(check["cells"] or ())))
    return found


def scores_of(row: dict[str, Any]) -> dict[str, float]:
    return json.loads(row["label_scores"]) if row.get("label_scores") else {}


def provenance_of(row: dict[str, Any]) -> dict[str, list[str]]:
    return json.loads(row["label_provenance"]) if row.get("label_provenance") else {}
