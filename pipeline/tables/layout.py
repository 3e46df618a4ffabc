"""The table layouts of ``configs/tables/layouts.toml``, compiled and checked."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from ..configs import config_path, load_toml
from ..errors import ConfigError, Errors

LAYOUTS = ("tables", "layouts.toml")


class Slot(NamedTuple):
    """Where a column's value goes: its canonical key, and whether the column is in 万元."""

    key: str
    money: bool


@dataclass(frozen=True)
class RowSpec:
    id: str
    pattern: re.Pattern[str]
    columns: tuple[str, ...]
    money: frozenset[str]
    reason: str
    # One per column, None for a column read but given no key; built once here rather than per cell.
    slots: tuple[Slot | None, ...]
    subtotal_slots: tuple[Slot | None, ...]  # the 8-column form of the applications table


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
    review_slots: tuple[Slot, ...]  # group by group, outcome by outcome

    def rows(self, table: str, edition: str) -> tuple[RowSpec, ...]:
        """The rows of the active or the applications table (the latter's are the same in both editions)."""
        return self.active[edition] if table == "active" else self.applications

    def all_row_patterns(self) -> tuple[re.Pattern[str], ...]:
        rows = [*self.applications, *self.active["2021"], *self.active["2019"]]
        return tuple(r.pattern for r in rows)


def _compile(entry: dict, where: str) -> re.Pattern[str]:
    try:
        return re.compile(entry["pattern"])
    except (KeyError, re.error) as e:
        raise ConfigError(Errors.E021, path=config_path(*LAYOUTS), entry=where, reason=str(e)) from e


def _rows(
    entries: list[dict], name: str, table: str, unkeyed: frozenset[str],
    default_columns: tuple[str, ...] = (), subtotal_columns: tuple[str, ...] = (),
) -> tuple[RowSpec, ...]:
    rows = []
    for entry in entries:
        where = f"{name}.{entry.get('id', '?')}"
        if "id" not in entry or "reason" not in entry:
            raise ConfigError(Errors.E021, path=config_path(*LAYOUTS), entry=where, reason="needs id and reason")
        columns = tuple(entry.get("columns", default_columns))
        money = frozenset(entry.get("money", ()))
        stem = f"{table}.{entry['id']}"
        rows.append(
            RowSpec(
                id=entry["id"],
                pattern=_compile(entry, where),
                columns=columns,
                money=money,
                reason=entry["reason"],
                slots=_slots(stem, columns, money, unkeyed),
                subtotal_slots=_slots(stem, subtotal_columns, money, unkeyed),
            )
        )
    return tuple(rows)


def _slots(
    stem: str, columns: tuple[str, ...], money: frozenset[str], unkeyed: frozenset[str],
) -> tuple[Slot | None, ...]:
    return tuple(None if c in unkeyed else Slot(f"{stem}.{c}", c in money) for c in columns)


@cache
def layouts() -> Layouts:
    data = load_toml(*LAYOUTS)
    columns = tuple(data["applications_columns"]["standard"])
    with_subtotal = tuple(data["applications_columns"]["with_subtotal"])
    unkeyed = frozenset(data["applications_columns"]["unkeyed"])
    groups, outcomes = tuple(data["review"]["groups"]), tuple(data["review"]["outcomes"])
    return Layouts(
        parts=tuple(PartSpec(p["table"], _compile(p, f"parts.{p.get('table')}"), p["reason"]) for p in data["parts"]),
        edition_cues={k: tuple(v) for k, v in data["editions"].items()},
        active={
            edition: _rows(data[f"active_{edition}"], f"active_{edition}", "active", unkeyed)
            for edition in ("2021", "2019")
        },
        applications=_rows(data["applications"], "applications", "applications", unkeyed, columns, with_subtotal),
        application_columns=columns,
        application_columns_with_subtotal=with_subtotal,
        review_groups=groups,
        review_outcomes=outcomes,
        review_slots=tuple(Slot(f"review.{g}.{o}", False) for g in groups for o in outcomes),
    )
