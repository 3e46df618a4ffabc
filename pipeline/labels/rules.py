"""The rule stage: heading and lexical cues from ``configs/labels/``, each hit recorded by id.

A rule adds its ``weight`` to one label's log-odds (see :mod:`.combiner`);
negative weights veto.  Rules are data, checked when loaded, so a typo in a
pattern fails at start-up with the rule's id instead of silently never firing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..configs import config_path, load_jsonl
from ..errors import ConfigError, Errors
from .settings import NARRATIVE, ROUTINE
from .text import heading_leaf

HEADING_RULES = ("labels", "heading_rules.jsonl")
LEXICAL_RULES = ("labels", "lexical_rules.jsonl")
Target = Literal["leaf", "path", "text"]


@dataclass(frozen=True)
class Rule:
    id: str
    label: str
    weight: float
    pattern: re.Pattern[str]
    target: Target
    sentence: bool
    reason: str
    # "no_heading": the rule speaks only when the paragraph's section is unknown
    when: str | None = None


@dataclass(frozen=True)
class RuleHit:
    rule: str
    label: str
    weight: float


def _build(entry: dict, number: int, parts: tuple[str, ...], default_target: Target) -> Rule:
    path = config_path(*parts)
    for key in ("id", "label", "weight", "pattern", "reason"):
        if key not in entry:
            raise ConfigError(Errors.E021, path=path, entry=number, reason=f"missing '{key}'")
    if entry["label"] not in NARRATIVE + ROUTINE:
        raise ConfigError(Errors.E021, path=path, entry=entry["id"], reason=f"unknown label {entry['label']!r}")
    target = entry.get("target", default_target)
    if entry.get("when") not in (None, "no_heading"):
        raise ConfigError(Errors.E021, path=path, entry=entry["id"], reason=f"unknown condition {entry['when']!r}")
    if target not in ("leaf", "path", "text"):
        raise ConfigError(Errors.E021, path=path, entry=entry["id"], reason=f"unknown target {target!r}")
    try:
        pattern = re.compile(entry["pattern"])
    except re.error as e:
        raise ConfigError(Errors.E021, path=path, entry=entry["id"], reason=f"bad pattern: {e}") from e
    return Rule(
        id=entry["id"],
        label=entry["label"],
        weight=float(entry["weight"]),
        pattern=pattern,
        target=target,
        sentence=entry.get("scope") == "sentence",
        reason=entry["reason"],
        when=entry.get("when"),
    )


class RuleSet:
    """Heading rules and lexical rules, matched on folded (simplified) text."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        ids = [rule.id for rule in rules]
        duplicates = {i for i in ids if ids.count(i) > 1}
        if duplicates:
            raise ConfigError(Errors.E020, path=config_path("labels"), reason=f"duplicate rule ids {sorted(duplicates)}")
        self.rules = rules
        self.heading_rules = tuple(r for r in rules if r.target != "text")
        self.text_rules = tuple(r for r in rules if r.target == "text")
        self.sentence_rules = tuple(r for r in self.text_rules if r.sentence)
        # per (sentence_only, has_heading): the rules that may speak, each with its one (immutable) hit
        self._text_searches = {
            (sentence_only, has_heading): tuple(
                (r.pattern.search, _hit(r)) for r in (self.sentence_rules if sentence_only else self.text_rules)
                if r.when is None or not has_heading)
            for sentence_only in (False, True) for has_heading in (False, True)
        }

    @classmethod
    def from_configs(cls) -> RuleSet:
        rules = [_build(e, n, HEADING_RULES, "leaf") for n, e in enumerate(load_jsonl(*HEADING_RULES), 1)]
        rules += [_build(e, n, LEXICAL_RULES, "text") for n, e in enumerate(load_jsonl(*LEXICAL_RULES), 1)]
        return cls(tuple(rules))

    def heading_hits(self, heading: str) -> list[RuleHit]:
        """Hits of heading rules on a folded heading path ("" when there is none)."""
        if not heading:
            return []
        leaf = heading_leaf(heading)
        return [_hit(r) for r in self.heading_rules if r.pattern.search(leaf if r.target == "leaf" else heading)]

    def text_hits(self, text: str, *, has_heading: bool = True, sentence_only: bool = False) -> list[RuleHit]:
        """Hits of lexical rules on folded text (a paragraph, or one sentence with ``sentence_only``)."""
        return [hit for search, hit in self._text_searches[sentence_only, has_heading] if search(text)]


def _hit(rule: Rule) -> RuleHit:
    return RuleHit(rule.id, rule.label, rule.weight)
