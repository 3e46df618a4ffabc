"""The figure extractor's rules, loaded from ``configs/figures/`` into typed, immutable objects.

``units.jsonl`` lists measure words and units; ``rules.toml`` the masks,
refusals, approximation cues, range connectors, bare-number and negation
rules; ``items.toml`` the word lists that name items and actions.  Loading
validates every entry, so a malformed rule fails at start-up, not mid-run.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..configs import config_path, load_jsonl, load_toml
from ..errors import ConfigError, Errors

KINDS = frozenset({"count", "money", "percent", "duration", "ratio", "other"})
APPROX = frozenset({"over", "under", "about"})
UNITS_FILE = ("figures", "units.jsonl")
RULES_FILE = ("figures", "rules.toml")
ITEMS_FILE = ("figures", "items.toml")


@dataclass(frozen=True)
class Unit:
    id: str
    unit: str
    kind: str
    after: str | None
    reason: str


@dataclass(frozen=True)
class Mask:
    id: str
    pattern: re.Pattern[str]
    reason: str


@dataclass(frozen=True)
class Refusal:
    """A candidate is refused when every given pattern matches its context."""

    id: str
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    number: re.Pattern[str] | None
    except_range: bool
    reason: str


@dataclass(frozen=True)
class ApproxCue:
    id: str
    approx: str
    before: tuple[str, ...]
    inside: tuple[str, ...]
    after: tuple[str, ...]
    kinds: frozenset[str] | None
    reason: str


@dataclass(frozen=True)
class BareRule:
    id: str
    before: re.Pattern[str]
    after: re.Pattern[str]
    refuse: re.Pattern[str]
    reason: str


@dataclass(frozen=True)
class NegationRule:
    id: str
    cues: tuple[str, ...]
    not_cues: tuple[str, ...]
    verbs: tuple[str, ...]
    heads: tuple[str, ...]
    money_heads: tuple[str, ...]
    strip_tail: tuple[str, ...]
    max_length: int
    reason: str


@dataclass(frozen=True)
class ItemRules:
    id: str
    lead_fillers: frozenset[str]
    tail_fillers: frozenset[str]
    relation_verbs: frozenset[str]
    inherit_starts: tuple[str, ...]
    stop_words: frozenset[str]
    verbs: frozenset[str]
    nouns: frozenset[str]
    max_left: int
    max_right: int
    reason: str


@dataclass(frozen=True)
class Lexicon:
    units: tuple[Unit, ...]
    masks: tuple[Mask, ...]
    refusals: tuple[Refusal, ...]
    approx: tuple[ApproxCue, ...]
    range_id: str
    range_connectors: tuple[str, ...]
    bare: BareRule
    negation: NegationRule
    items: ItemRules

    def unit(self, written: str) -> Unit | None:
        return next((u for u in self.units if u.unit == written), None)


def _require(row: dict[str, Any], key: str, path: Path, entry: object) -> Any:
    if key not in row:
        raise ConfigError(Errors.E021, path=path, entry=entry, reason=f"missing '{key}'")
    return row[key]


def _compile(pattern: str | None, path: Path, entry: object) -> re.Pattern[str] | None:
    if pattern is None:
        return None
    try:
        return re.compile(pattern)
    except re.error as e:
        raise ConfigError(Errors.E021, path=path, entry=entry, reason=f"bad pattern: {e}") from e


def _units() -> tuple[Unit, ...]:
    path = config_path(*UNITS_FILE)
    units = []
    for row in load_jsonl(*UNITS_FILE):
        entry = row.get("id", row)
        kind = _require(row, "kind", path, entry)
        if kind not in KINDS:
            raise ConfigError(Errors.E021, path=path, entry=entry, reason=f"unknown kind {kind!r}")
        units.append(Unit(_require(row, "id", path, entry), _require(row, "unit", path, entry), kind,
                          row.get("after"), _require(row, "reason", path, entry)))
    # Longest first, so 个工作日 wins over 个 and 人次 over 人.
    return tuple(sorted(units, key=lambda u: -len(u.unit)))


def _rules() -> dict[str, Any]:
    path = config_path(*RULES_FILE)
    data = load_toml(*RULES_FILE)
    for section in ("mask", "refuse", "approx"):
        for row in data.get(section, []):
            entry = row.get("id", section)
            _require(row, "id", path, entry)
            _require(row, "reason", path, entry)
    for row in data.get("approx", []):
        if row["approx"] not in APPROX:
            raise ConfigError(Errors.E021, path=path, entry=row["id"], reason=f"unknown approx {row['approx']!r}")
    return data


@cache
def load_lexicon() -> Lexicon:
    """The shipped lexicon (cached: the configs do not change while a process runs)."""
    path = config_path(*RULES_FILE)
    data = _rules()
    masks = tuple(Mask(r["id"], _compile(r["pattern"], path, r["id"]), r["reason"]) for r in data["mask"])
    refusals = tuple(
        Refusal(r["id"], _compile(r.get("before"), path, r["id"]), _compile(r.get("after"), path, r["id"]),
                _compile(r.get("number"), path, r["id"]), bool(r.get("except_range", False)), r["reason"])
        for r in data["refuse"]
    )
    approx = tuple(
        ApproxCue(r["id"], r["approx"], tuple(r.get("before", ())), tuple(r.get("inside", ())),
                  tuple(r.get("after", ())), frozenset(r["kinds"]) if "kinds" in r else None, r["reason"])
        for r in data["approx"]
    )
    b = data["bare"]
    bare = BareRule(b["id"], _compile(b["before"], path, b["id"]), _compile(b["after"], path, b["id"]),
                    _compile(b["refuse"], path, b["id"]), b["reason"])
    n = data["negation"]
    negation = NegationRule(n["id"], tuple(n["cues"]), tuple(n["not_cues"]), tuple(n["verbs"]), tuple(n["heads"]),
                            tuple(n["money_heads"]), tuple(n["strip_tail"]), int(n["max_length"]), n["reason"])
    i = load_toml(*ITEMS_FILE)["items"]
    items = ItemRules(i["id"], frozenset(i["lead_fillers"]), frozenset(i["tail_fillers"]),
                      frozenset(i["relation_verbs"]), tuple(i["inherit_starts"]), frozenset(i["stop_words"]),
                      frozenset(i["verbs"]), frozenset(i["nouns"]), int(i["max_left"]), int(i["max_right"]),
                      i["reason"])
    return Lexicon(_units(), masks, refusals, approx, data["ranges"]["id"], tuple(data["ranges"]["connectors"]),
                   bare, negation, items)
