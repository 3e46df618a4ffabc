"""Table regions to canonical cells: rows found by their labels, values aligned to columns."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby
from operator import attrgetter
from typing import NamedTuple

from ..report import Cell, Edition
from .cells import parse_cell
from .layout import Layouts, RowSpec, Slot, layouts
from .tokens import Token, tokenize


# Where a sub-label starts inside a merged label cell: "三、本年度办理结果(一)予以公开".
_MARKER = re.compile(r"\([一二三四五六七八九十]{1,2}\)|(?<![\d.])\d{1,2}[.、]|[一二三四五六七八九十]{1,2}、")


@dataclass(frozen=True)
class TableRegion:
    table: str
    start: int
    end: int


@dataclass(frozen=True)
class ExtraRow:
    """A labelled row with values that matches no canonical row (a local addition)."""

    table: str
    label: str
    values: tuple[str, ...]
    start: int


@dataclass
class TablesResult:
    cells: list[Cell] = field(default_factory=list)
    edition: Edition | None = None
    edition_evidence: str | None = None
    extra_rows: list[ExtraRow] = field(default_factory=list)
    tables_found: tuple[str, ...] = ()


class _Run(NamedTuple):
    labels: tuple[Token, ...]
    values: tuple[Token, ...]
    label_texts: tuple[str, ...]  # the labels as row patterns see them


def parse_tables(text: str, regions: list[TableRegion], *, year: int | None = None) -> TablesResult:
    """``text`` is the normalised report text; ``regions`` the spans of parts 二, 三 and 四."""
    spec = layouts()
    result = TablesResult(tables_found=tuple(r.table for r in regions))
    runs = {r.table: _runs(tokenize(text, r.start, r.end)) for r in regions}
    result.edition, result.edition_evidence = _edition(runs, spec, year)
    edition = result.edition or "2021"
    assigned: dict[str, Cell] = {}
    if "active" in runs:
        _parse_rows(runs["active"], "active", edition, assigned, result)
    if "applications" in runs:
        _parse_rows(runs["applications"], "applications", edition, assigned, result, spec=spec)
    if "review" in runs:
        _parse_review(runs["review"], spec, assigned)
    result.cells = list(assigned.values())
    return result


def _runs(tokens: list[Token]) -> list[_Run]:
    """Each stretch of label cells with the value cells after it (the first may have no labels, the last no values)."""
    runs: list[_Run] = []
    labels: tuple[Token, ...] = ()
    for is_value, group in groupby(tokens, attrgetter("is_value")):
        if is_value:
            runs.append(_run(labels, tuple(group)))
            labels = ()
        else:
            labels = tuple(group)
    if labels:
        runs.append(_run(labels, ()))
    return runs


def _run(labels: tuple[Token, ...], values: tuple[Token, ...]) -> _Run:
    return _Run(labels, values, tuple(map(attrgetter("label"), labels)))


def _edition(runs: dict[str, list[_Run]], spec: Layouts, year: int | None) -> tuple[Edition | None, str | None]:
    labels = " ".join(label for table_runs in runs.values() for run in table_runs for label in run.label_texts)
    for edition in ("2021", "2019"):
        for cue in spec.edition_cues[edition]:
            if cue in labels:
                return edition, f"table header {cue}"  # type: ignore[return-value]
    if not runs:
        return None, None
    if year is not None:
        return ("2021" if year >= 2021 else "2019"), f"no edition-specific header; report year {year}"
    return "2021", "no edition-specific header and no year; assumed the current edition"


@lru_cache(maxsize=4096)
def _resolve(labels: tuple[str, ...], table: str, edition: Edition) -> RowSpec | None:
    """The row named by the last label cells; a parent label run into the same cell is skipped.

    Memoised: the same label cells recur in report after report.
    """
    rows = layouts().rows(table, edition)
    for k in range(1, len(labels) + 1):
        joined = "".join(labels[-k:])
        tails = [joined, *(joined[m.start():] for m in _MARKER.finditer(joined) if m.start() > 0)]
        for tail in tails:
            for row in rows:
                if row.pattern.search(tail):
                    return row
    return None


def _parse_rows(
    runs: list[_Run], table: str, edition: Edition, assigned: dict[str, Cell], result: TablesResult,
    *, spec: Layouts | None = None,
) -> None:
    """``spec`` is given for the applications table, the one with an 8-column form."""
    resolved = [(run, _resolve(run.label_texts, table, edition)) for run in runs if run.labels]
    subtotal_form = spec is not None and _subtotal_form(resolved, len(spec.application_columns_with_subtotal))
    for run, row in resolved:
        filled = [v for v in run.values if v.text]
        if row is None:
            if filled:
                label = "".join(run.label_texts[-2:])
                result.extra_rows.append(ExtraRow(table, label, tuple(v.text for v in run.values), run.labels[-1].start))
            continue
        slots = row.slots
        if spec is not None and (
            (subtotal_form and len(run.values) >= len(spec.application_columns_with_subtotal))
            or (len(filled) == len(spec.application_columns_with_subtotal) and _has_subtotal(filled))
        ):
            slots = row.subtotal_slots
        aligned = _align(run.values, len(slots))
        if len(run.values) < len(slots) and not any(t is not None and t.text for t in aligned):
            continue
        _assign(assigned, zip(slots, aligned))


def _subtotal_form(resolved: list[tuple[_Run, RowSpec | None]], width: int) -> bool:
    """The 8-column form, told by its 小计 header or by most rows having eight cells."""
    if any("小计" in run.label_texts for run, _ in resolved):
        return True
    lengths = [len(run.values) for run, row in resolved if row is not None]
    return bool(lengths) and sum(1 for n in lengths if n == width) > len(lengths) / 2


def _has_subtotal(filled: list[Token]) -> bool:
    """The 8-column form: the second value is the sum of the five organisation columns."""
    values = [parse_cell(t.text).value for t in filled]
    if any(v is None for v in values):
        return False
    return abs(values[1] - sum(values[2:7])) < 1e-6  # type: ignore[operator,arg-type]


def _align(values: tuple[Token, ...], k: int) -> list[Token | None]:
    """Fit a row's value cells to its k columns.

    Exact counts are positional.  Extra cells are colspan fillers: when exactly
    k cells are filled those are the values; otherwise trailing then leading
    blanks are dropped.  A short row (a table cut off mid-row) fills its first
    columns and leaves the rest missing.
    """
    cells = list(values)
    if len(cells) > k:
        filled = [c for c in cells if c.text]
        if len(filled) == k:
            return list(filled)
        while len(cells) > k and not cells[-1].text:
            cells.pop()
        while len(cells) > k and not cells[0].text:
            cells.pop(0)
        cells = cells[:k]
    return [*cells, *([None] * (k - len(cells)))]


def _assign(assigned: dict[str, Cell], placed: Iterable[tuple[Slot | None, Token | None]]) -> None:
    """Each token's cell under its slot's key, unless that key already holds a value."""
    for slot, token in placed:
        if slot is None or token is None:
            continue
        key, money = slot
        previous = assigned.get(key)
        if previous is not None and previous.value is not None:
            continue
        parsed = parse_cell(token.text, money)
        assigned[key] = Cell(key, parsed.value, token.text, parsed.semantics, parsed.note, token.start, token.end)


def _parse_review(runs: list[_Run], spec: Layouts, assigned: dict[str, Cell]) -> None:
    slots = spec.review_slots
    candidates = [run.values for run in runs if any(v.text for v in run.values)]
    if not candidates:
        return
    longest = max(candidates, key=lambda values: sum(1 for v in values if v.text))
    if sum(1 for v in longest if v.text) >= len(slots) or len(candidates) == 1:
        values = longest
    else:
        # One row per group (some layouts split the fifteen cells over three rows).
        values = tuple(v for run in candidates for v in _align(run, len(spec.review_outcomes)) if v is not None)
    _assign(assigned, zip(slots, _align(values, len(slots))))
