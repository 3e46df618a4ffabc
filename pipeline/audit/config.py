"""The audit's rules and lexicons from ``configs/audit/``, compiled and checked once."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..configs import config_path, load_toml
from ..errors import ConfigError, Errors

FOLDER = "audit"


@dataclass(frozen=True)
class Pattern:
    id: str
    pattern: re.Pattern[str]
    reason: str


@dataclass(frozen=True)
class PartRule:
    id: str
    pattern: re.Pattern[str]
    editions: frozenset[str]
    reason: str


@dataclass(frozen=True)
class Deadline:
    id: str
    regime: str
    agency_type: str  # "*" for any
    month: int
    day: int
    reason: str


@dataclass(frozen=True)
class EditionYears:
    edition: str
    first: int
    last: int


@dataclass(frozen=True)
class IndicatorRule:
    id: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class CopyingSettings:
    shingle: int
    num_perm: int
    lsh_threshold: float
    fail_at: float
    min_chars: int
    passages: int


@dataclass(frozen=True)
class AuditConfig:
    parts: tuple[PartRule, ...]
    narrative_parts: tuple[str, ...]
    agency_types: tuple[Pattern, ...]
    deadlines: tuple[Deadline, ...]
    regulation_2019_from: int
    required_tables: dict[str, tuple[str, ...]]
    edition_only_rows: dict[str, str]  # row id -> the only edition that has it
    edition_years: tuple[EditionYears, ...]
    copying: CopyingSettings
    issue_confidence: float
    concrete_share: float
    concrete: tuple[Pattern, ...]
    generic: tuple[Pattern, ...]
    indicators: tuple[IndicatorRule, ...]
    small_denominator: float

    def parts_of(self, edition: str) -> tuple[PartRule, ...]:
        return tuple(p for p in self.parts if edition in p.editions)


def _entries(data: dict[str, Any], key: str, name: str, fields: tuple[str, ...]) -> list[dict[str, Any]]:
    entries = data.get(key, [])
    for entry in entries:
        missing = [f for f in ("id", "reason", *fields) if f not in entry]
        if missing:
            raise ConfigError(Errors.E021, path=config_path(FOLDER, name), entry=f"{key}.{entry.get('id', '?')}",
                              reason=f"missing {', '.join(missing)}")
    return entries


def _compile(entry: dict[str, Any], name: str) -> re.Pattern[str]:
    try:
        return re.compile(entry["pattern"])
    except re.error as e:
        raise ConfigError(Errors.E021, path=config_path(FOLDER, name), entry=entry["id"], reason=str(e)) from e


def _patterns(data: dict[str, Any], key: str, name: str) -> tuple[Pattern, ...]:
    return tuple(Pattern(e["id"], _compile(e, name), e["reason"]) for e in _entries(data, key, name, ("pattern",)))


def _indicators(data: dict[str, Any]) -> tuple[IndicatorRule, ...]:
    rules = []
    for e in _entries(data, "indicator", "indicators.toml", ("numerator",)):
        for x in e.get("for_each", [None]):
            def fill(keys: list[str], x: str | None = x) -> tuple[str, ...]:
                return tuple(k if x is None else k.replace("{x}", x) for k in keys)
            rules.append(IndicatorRule(e["id"] if x is None else e["id"].replace("{x}", x),
                                       fill(e["numerator"]), fill(e.get("denominator", [])), e["reason"]))
    return tuple(rules)


@cache
def audit_config() -> AuditConfig:
    parts = load_toml(FOLDER, "parts.toml")
    deadlines = load_toml(FOLDER, "deadlines.toml")
    complete = load_toml(FOLDER, "completeness.toml")
    copying = load_toml(FOLDER, "copying.toml")
    specific = load_toml(FOLDER, "specificity.toml")
    indicators = load_toml(FOLDER, "indicators.toml")
    part_rules = tuple(PartRule(e["id"], _compile(e, "parts.toml"), frozenset(e["editions"]), e["reason"])
                       for e in _entries(parts, "part", "parts.toml", ("pattern", "editions")))
    try:
        settings = CopyingSettings(**{k: v for k, v in copying.items() if k != "id"})
    except TypeError as e:
        raise ConfigError(Errors.E020, path=config_path(FOLDER, "copying.toml"), reason=str(e)) from e
    return AuditConfig(
        parts=part_rules,
        narrative_parts=tuple(parts["narrative"]),
        agency_types=_patterns(deadlines, "agency_type", "deadlines.toml"),
        deadlines=tuple(Deadline(e["id"], e["regime"], e["agency_type"], e["month"], e["day"], e["reason"])
                        for e in _entries(deadlines, "deadline", "deadlines.toml",
                                          ("regime", "agency_type", "month", "day"))),
        regulation_2019_from=int(deadlines["regulation_2019_from"]),
        required_tables={k: tuple(v) for k, v in complete["tables"].items()},
        edition_only_rows={e["id"]: e["edition"]
                           for e in _entries(complete, "edition_only", "completeness.toml", ("edition",))},
        edition_years=tuple(EditionYears(e["id"], e["first"], e["last"])
                            for e in _entries(complete, "edition_by_year", "completeness.toml", ("first", "last"))),
        copying=settings,
        issue_confidence=float(specific["issue_confidence"]),
        concrete_share=float(specific["concrete_share"]),
        concrete=_patterns(specific, "concrete", "specificity.toml"),
        generic=_patterns(specific, "generic", "specificity.toml"),
        indicators=_indicators(indicators),
        small_denominator=float(indicators["small_denominator"]),
    )
