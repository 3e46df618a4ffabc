"""Table regions to canonical cells: rows found by their labels, values aligned to columns."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..report import Cell, Edition
from .cells import parse_cell
from .layout import Layouts, RowSpec, layouts
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


@dataclass(frozen=True)
class _Run:
    labels: tuple[Token, ...]
    values: tuple[Token, ...]


def parse_tables(text: str, regions: list[TableRegion], *, year: int | None = None) -> TablesResult:
    """``text`` is the normalised report text; ``regions`` the spans of parts 二, 三 and 四."""
    spec = layouts()
    result = TablesResult(tables_found=tuple(r.table for r in regions))
    runs = {r.table: _runs(tokenize(text, r.start, r.end)) for r in regions}
    result.edition, result.edition_evidence = _edition(runs, spec, year)
    assigned: dict[str, Cell] = {}
    if "active" in runs:
        _parse_rows(runs["active"], spec.active[result.edition or "2021"], "active", assigned, result)
    if "applications" in runs:
        _parse_rows(runs["applications"], spec.applications, "applications", assigned, result, spec=spec)
    if "review" in runs:
        _parse_review(runs["review"], spec, assigned)
    result.cells = list(assigned.values())
    return result


def _runs(tokens: list[Token]) -> list[_Run]:
    runs: list[_Run] = []
    labels: list[Token] = []
    values: list[Token] = []
    for token in tokens:
        if token.is_value:
            values.append(token)
            continue
        if values:
            runs.append(_Run(tuple(labels), tuple(values)))
            labels, values = [], []
        labels.append(token)
    if labels or values:
        runs.append(_Run(tuple(labels), tuple(values)))
    return runs


def _edition(runs: dict[str, list[_Run]], spec: Layouts, year: int | None) -> tuple[Edition | None, str | None]:
    labels = " ".join(t.label for table_runs in runs.values() for run in table_runs for t in run.labels)
    for edition in ("2021", "2019"):
        for cue in spec.edition_cues[edition]:
            if cue in labels:
                return edition, f"table header {cue}"  # type: ignore[return-value]
    if not runs:
        return None, None
    if year is not None:
        return ("2021" if year >= 2021 else "2019"), f"no edition-specific header; report year {year}"
    return "2021", "no edition-specific header and no year; assumed the current edition"


def _resolve(labels: tuple[Token, ...], rows: tuple[RowSpec, ...]) -> RowSpec | None:
    """The row named by the last label cells; a parent label run into the same cell is skipped."""
    for k in range(1, len(labels) + 1):
        joined = "".join(t.label for t in labels[-k:])
        tails = [joined, *(joined[m.start():] for m in _MARKER.finditer(joined) if m.start() > 0)]
        for tail in tails:
            for row in rows:
                if row.pattern.search(tail):
                    return row
    return None


def _parse_rows(
    runs: list[_Run], rows: tuple[RowSpec, ...], table: str, assigned: dict[str, Cell], result: TablesResult,
    *, spec: Layouts | None = None,
) -> None:
    resolved = [(run, _resolve(run.labels, rows)) for run in runs if run.labels]
    subtotal_form = spec is not None and _subtotal_form(resolved, len(spec.application_columns_with_subtotal))
    for run, row in resolved:
        filled = [v for v in run.values if v.text]
        if row is None:
            if filled:
                label = "".join(t.label for t in run.labels[-2:])
                result.extra_rows.append(ExtraRow(table, label, tuple(v.text for v in run.values), run.labels[-1].start))
            continue
        columns = row.columns
        if spec is not None and (
            (subtotal_form and len(run.values) >= len(spec.application_columns_with_subtotal))
            or (len(filled) == len(spec.application_columns_with_subtotal) and _has_subtotal(filled))
        ):
            columns = spec.application_columns_with_subtotal
        aligned = _align(run.values, len(columns))
        if not any(t is not None and t.text for t in aligned) and len(run.values) < len(columns):
            continue
        for column, token in zip(columns, aligned):
            if column == "legal_subtotal":
                continue
            key = f"{table}.{row.id}.{column}" if table == "active" else f"applications.{row.id}.{column}"
            _assign(assigned, key, token, money=column in row.money)


def _subtotal_form(resolved: list[tuple[_Run, RowSpec | None]], width: int) -> bool:
    """The 8-column form, told by its 小计 header or by most rows having eight cells."""
    if any(t.label == "小计" for run, _ in resolved for t in run.labels):
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


def _assign(assigned: dict[str, Cell], key: str, token: Token | None, *, money: bool) -> None:
    if token is None:
        return
    parsed = parse_cell(token.text, money=money)
    previous = assigned.get(key)
    if previous is not None and previous.value is not None:
        return
    assigned[key] = Cell(
        key=key, value=parsed.value, raw=token.text, semantics=parsed.semantics, note=parsed.note,
        start=token.start, end=token.end,
    )


def _parse_review(runs: list[_Run], spec: Layouts, assigned: dict[str, Cell]) -> None:
    keys = [f"review.{g}.{o}" for g in spec.review_groups for o in spec.review_outcomes]
    candidates = [run.values for run in runs if any(v.text for v in run.values)]
    if not candidates:
        return
    longest = max(candidates, key=lambda values: sum(1 for v in values if v.text))
    if sum(1 for v in longest if v.text) >= len(keys) or len(candidates) == 1:
        values = longest
    else:
        # One row per group (some layouts split the fifteen cells over three rows).
        values = tuple(v for run in candidates for v in _align(run, len(spec.review_outcomes)) if v is not None)
    for key, token in zip(keys, _align(values, len(keys))):
        _assign(assigned, key, token, money=False)
