"""The labeler: rule stage + classifier + combiner + sentence stage, and its model directory.

:class:`Labeler` labels batches of ``(text, heading)`` pairs; batching keeps
the classifier's vectorised work in one call, which is what makes the
throughput target reachable.  The classifier runs as a
:class:`~pipeline.labels.scorer.ParagraphScorer` (numpy only), read from the
plain model directory :mod:`pipeline.labels.artifact` defines: neither
scikit-learn nor scipy is imported to label.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..report import LabelDecision
from . import artifact
from .combiner import Combined, combine, scores
from .rules import RuleHit, RuleSet
from .scorer import ParagraphScorer
from .settings import LabelSettings, load_settings
from .text import fold, sentences

DEFAULT_MODEL = Path(__file__).resolve().parents[2] / "models" / "labeler"
LEAD_IN = "lex.lead_in_only"


class Labeler:
    """Labels paragraphs as spec/labels.md defines; ``card`` describes how the model was trained."""

    def __init__(self, scorer: ParagraphScorer, *, rules: RuleSet | None = None,
                 settings: LabelSettings | None = None, card: dict[str, Any] | None = None) -> None:
        self.scorer = scorer
        self.rules = rules or RuleSet.from_configs()
        self.settings = settings or load_settings()
        self.card = card or {}

    def label(self, items: Sequence[tuple[str, str | None]]) -> list[LabelDecision]:
        """One decision per ``(text, heading)`` pair, in order; repeated pairs share one decision."""
        # a decision depends on its pair alone: boilerplate repeated across a batch is labelled once
        distinct = list(dict.fromkeys(items))
        decided = dict(zip(distinct, self._label_distinct(distinct)))
        return [decided[item] for item in items]

    def _label_distinct(self, items: list[tuple[str, str | None]]) -> list[LabelDecision]:
        if not items:
            return []
        # a batch holds few distinct headings: fold each and match its rules once
        headings = {heading: fold(heading) if heading else "" for heading in {heading for _, heading in items}}
        folded = [(fold(text), headings[heading]) for text, heading in items]
        heading_hits = {heading: self.rules.heading_hits(heading) for heading in headings.values()}
        hits = [heading_hits[heading] + self.rules.text_hits(text, has_heading=bool(heading))
                for text, heading in folded]
        decisions = combine(self.scorer.predict_proba(folded), hits, self.settings,
                            [bool(heading) for _, heading in folded])
        return self._sentence_stage([text for text, _ in items], decisions)

    def _sentence_stage(self, texts: list[str], decisions: list[Combined]) -> list[LabelDecision]:
        """Spans for issue/improvement, and the second label of legacy problem-and-remedy paragraphs."""
        wanted = []
        for index, (text, decision) in enumerate(zip(texts, decisions)):
            if "issue" not in decision.labels and "improvement" not in decision.labels:
                continue
            spans = sentences(text)
            if len(spans) >= self.settings.min_sentences:
                wanted.append((index, spans))
        judged = self._judge_sentences([texts[i][s:e] for i, spans in wanted for s, e in spans])
        by_index = {index: [((s, e), *judged[texts[index][s:e]]) for s, e in spans] for index, spans in wanted}
        return [self._finish(texts[i], decision, by_index.get(i)) for i, decision in enumerate(decisions)]

    def _judge_sentences(self, pieces: list[str]) -> dict[str, tuple[dict[str, float], list[RuleHit]]]:
        """Combined scores and rule hits of each distinct sentence, judged without heading."""
        # boilerplate sentences repeat across a batch: each is judged once
        distinct = list(dict.fromkeys(pieces))
        folded = [fold(piece) for piece in distinct]
        hits = [self.rules.text_hits(text, sentence_only=True) for text in folded]
        combined = scores(self.scorer.predict_proba([(text, "") for text in folded]), hits, self.settings)
        return {piece: (dict(zip(self.settings.labels, row)), row_hits)
                for piece, row, row_hits in zip(distinct, combined.tolist(), hits)}

    def _finish(self, text: str, decision: Combined, scored: list | None) -> LabelDecision:
        whole = ((0, len(text)),)
        if not scored:
            # combine gives the labels, and their provenance, in the settings' order
            return LabelDecision(labels=decision.labels, scores=decision.scores, provenance=decision.provenance,
                                 spans=dict.fromkeys(decision.labels, whole))
        labels = list(decision.labels)
        provenance = dict(decision.provenance)
        spans = {label: whole for label in labels}
        for label, other in (("issue", "improvement"), ("improvement", "issue")):
            if label not in labels or other in labels:
                continue
            carriers = [(span, hits) for span, sentence_scores, hits in scored
                        if sentence_scores[other] >= self.settings.add_threshold
                        and not any(hit.rule == LEAD_IN for hit in hits)]
            if carriers:
                labels.append(other)
                provenance[other] = ("model:sentence",) + tuple(
                    dict.fromkeys(f"rule:{h.rule}" for _, hits in carriers for h in hits
                                  if h.label == other and h.weight > 0))
        for label, other in (("issue", "improvement"), ("improvement", "issue")):
            if label not in labels:
                continue
            # a sentence carries the one of the pair it leans to, so problem and remedy spans stay apart
            carrying = tuple(span for span, sentence_scores, _ in scored
                             if sentence_scores[label] >= self.settings.span_threshold
                             and (other not in labels or sentence_scores[label] >= sentence_scores[other]))
            best = max(scored, key=lambda item: item[1][label])[0]
            spans[label] = carrying or (best,)
        ordered = tuple(label for label in self.settings.labels if label in labels)
        return LabelDecision(labels=ordered, scores=decision.scores,
                             provenance={label: provenance[label] for label in ordered},
                             spans={label: spans[label] for label in ordered})

    def save(self, path: Path) -> None:
        """Write the model directory ``path`` (see :mod:`pipeline.labels.artifact`)."""
        artifact.write(Path(path), self.scorer, self.card)

    @classmethod
    def load(cls, path: Path = DEFAULT_MODEL) -> Labeler:
        scorer, card = artifact.read(Path(path))
        return cls(scorer, card=card)
