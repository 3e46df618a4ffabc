"""The table layouts of ``configs/tables/layouts.toml``, compiled and checked."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..configs import config_path, load_toml
from ..errors import ConfigError, Errors

LAYOUTS = ("tables", "layouts.toml")


@dataclass(frozen=True)
class RowSpec:
    id: str
    pattern: re.Pattern[str]
    columns: tuple[str, ...]
    money: frozenset[str]
    reason: str


@dataclass(frozen=True)
class PartSpec:
    table: str
    pattern: re.Pattern[str]
    reason: str


@dataclass(frozen=True)
class Layouts:
    parts: tuple[PartSpec, ...]
    edition_cues: dict[str, tuple[str, ...]]
    active: dict[str, tuple[RowSpec, ...]]
    applications: tuple[RowSpec, ...]
    application_columns: tuple[str, ...]
    application_columns_with_subtotal: tuple[str, ...]
    review_groups: tuple[str, ...]
    review_outcomes: tuple[str, ...]

    def all_row_patterns(self) -> tuple[re.Pattern[str], ...]:
        rows = [*self.applications, *self.active["2021"], *self.active["2019"]]
        return tuple(r.pattern for r in rows)


def _compile(entry: dict, where: str) -> re.Pattern[str]:
    try:
        return re.compile(entry["pattern"])
    except (KeyError, re.error) as e:
        raise ConfigError(Errors.E021, path=config_path(*LAYOUTS), entry=where, reason=str(e)) from e


def _rows(entries: list[dict], name: str, default_columns: tuple[str, ...] = ()) -> tuple[RowSpec, ...]:
    rows = []
    for entry in entries:
        where = f"{name}.{entry.get('id', '?')}"
        if "id" not in entry or "reason" not in entry:
            raise ConfigError(Errors.E021, path=config_path(*LAYOUTS), entry=where, reason="needs id and reason")
        rows.append(
            RowSpec(
                id=entry["id"],
                pattern=_compile(entry, where),
                columns=tuple(entry.get("columns", default_columns)),
                money=frozenset(entry.get("money", ())),
                reason=entry["reason"],
            )
        )
    return tuple(rows)


@cache
def layouts() -> Layouts:
    data = load_toml(*LAYOUTS)
    columns = tuple(data["applications_columns"]["standard"])
    return Layouts(
        parts=tuple(PartSpec(p["table"], _compile(p, f"parts.{p.get('table')}"), p["reason"]) for p in data["parts"]),
        edition_cues={k: tuple(v) for k, v in data["editions"].items()},
        active={"2021": _rows(data["active_2021"], "active_2021"), "2019": _rows(data["active_2019"], "active_2019")},
        applications=_rows(data["applications"], "applications", columns),
        application_columns=columns,
        application_columns_with_subtotal=tuple(data["applications_columns"]["with_subtotal"]),
        review_groups=tuple(data["review"]["groups"]),
        review_outcomes=tuple(data["review"]["outcomes"]),
    )
