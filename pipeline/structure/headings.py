"""Heading lines, the section tree, and the spans of the statistics tables."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from ..configs import load_toml
from ..report import Section
from ..tables.layout import layouts
from ..tables.parse import TableRegion
from .lines import Line

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_SENTENCE_END = "。！？!?"
_SENTENCE_ENDS = tuple(_SENTENCE_END)
_HAS_SENTENCE_END = re.compile(f"[{_SENTENCE_END}]")
_RUN_IN_END = re.compile(r"[。：:]")
_CLAUSE_END = re.compile(r"[，,。；;：:]")
# The values after a row label on a flattened table line ("四、结转下年度继续办理 0 0 0").
_TRAILING_VALUES = re.compile(r"[\s\d./—-]+$")


@dataclass(frozen=True)
class Marker:
    id: str
    level: int
    pattern: re.Pattern[str]


class HeadingLine(NamedTuple):
    """A heading found on a line (a tuple, like Line: cheap to build)."""

    line: Line
    level: int
    marker: str
    title: str
    run_in: bool


@dataclass(frozen=True)
class StructureRules:
    heading_max_chars: int
    run_in_max_chars: int
    heading_path_levels: int
    report_cues: tuple[str, ...]
    table_cues: tuple[str, ...]
    furniture: re.Pattern[str]
    any_marker: re.Pattern[str]
    """All markers as one alternation, in order; ``marker_groups`` names the marker of each group."""
    marker_groups: dict[str, Marker]


@cache
def rules() -> StructureRules:
    data = load_toml("structure.toml")
    markers = tuple(Marker(m["id"], m["level"], re.compile(m["pattern"])) for m in data["markers"])
    groups = {f"m{i}": marker for i, marker in enumerate(markers)}
    return StructureRules(
        heading_max_chars=data["limits"]["heading_max_chars"],
        run_in_max_chars=data["limits"]["run_in_max_chars"],
        heading_path_levels=data["limits"]["heading_path_levels"],
        report_cues=tuple(data["report"]["cues"]),
        table_cues=tuple(data["tables"]["cues"]),
        furniture=_any_of(data["furniture"]["patterns"]),
        any_marker=re.compile("|".join(f"(?P<{name}>{m.pattern.pattern})" for name, m in groups.items())),
        marker_groups=groups,
    )


def _any_of(patterns: list[str]) -> re.Pattern[str]:
    """One regex for a list of alternatives: a line is tested once, not once per pattern."""
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@lru_cache(maxsize=256)
def part_number(marker: str) -> int | None:
    digits = marker.rstrip("、.． ")
    if digits.isdigit():
        return int(digits)
    if digits == "十":
        return 10
    if digits.startswith("十"):
        return 10 + _CN_DIGITS.get(digits[1:], 0)
    if len(digits) == 2 and digits[1] == "十":
        return _CN_DIGITS.get(digits[0], 0) * 10
    return _CN_DIGITS.get(digits) if len(digits) == 1 else None


def _level(m: re.Match[str]) -> int:
    """The level of the marker that ``m``, a match of ``any_marker``, found.

    Alternatives are tried in order, so the marker is the first in the
    configuration that matches, with its own match as the whole match.
    """
    return rules().marker_groups[m.lastgroup].level  # type: ignore[index]


def _heading(line: Line) -> HeadingLine | None:
    """The heading or run-in heading that a line opening with a marker is, if any."""
    fields = _heading_fields(line.content)
    return None if fields is None else HeadingLine(line, *fields)


# Reports follow one national template, so the same heading lines recur from report to report.
@lru_cache(maxsize=4096)
def _heading_fields(content: str) -> tuple[int, str, str, bool] | None:
    """Level, marker, title and run-in flag of the heading a line's content opens."""
    m = rules().any_marker.match(content)
    if m is None:
        return None
    level = _level(m)
    marker = m.group()
    rest = content[m.end():].strip()
    if not rest:
        return None
    if level == 5:
        clause = _CLAUSE_END.search(rest)
        title = rest[: clause.start()] if clause else rest
        return 5, marker, _single_spaced(marker + title), True
    body = rest.rstrip(_SENTENCE_END)
    if len(content) <= rules().heading_max_chars and not _HAS_SENTENCE_END.search(body):
        return level, marker, _single_spaced(content), False
    end = _RUN_IN_END.search(rest)
    if end is not None and end.start() <= rules().run_in_max_chars:
        return level, marker, _single_spaced(marker + rest[: end.start()]), True
    return None


def _single_spaced(text: str) -> str:
    """White space runs as one space, none at the ends (splitting is cheaper than a regex)."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Outline:
    headings: tuple[HeadingLine, ...]
    regions: tuple[TableRegion, ...]
    table_lines: frozenset[int]


def outline(lines: list[Line]) -> Outline:
    """Find headings, and the table parts whose lines belong to the table parser."""
    marker_at = rules().any_marker.match
    marked = [(line, m, _level(m)) for line in lines if (m := marker_at(line.content)) is not None]
    parts = _parts([(line, m) for line, m, level in marked if level == 1])
    regions, table_lines = _table_regions(parts, lines)
    part_at = {part.line.index: part for part in parts}
    headings = []
    for line, _, level in marked:
        # Table rows are numbered like headings: lines in a table are not looked at.
        if line.index in table_lines:
            continue
        heading = part_at.get(line.index) if level == 1 else _heading(line)
        if heading is not None:
            headings.append(heading)
    return Outline(tuple(headings), tuple(regions), frozenset(table_lines))


def _parts(candidates: list[tuple[Line, re.Match[str]]]) -> list[HeadingLine]:
    """The report's parts: level-1 headings numbered upwards (一、二、…) that are not table rows."""
    parts: list[HeadingLine] = []
    last_number = 0
    for line, m in candidates:
        number = part_number(m.group())
        if number is None or number <= last_number:
            continue
        if _is_table_row(line.text.split("|")[0]):
            continue
        heading = _heading(line)
        if heading is not None:
            parts.append(heading)
            last_number = number
    return parts


def _table_regions(parts: list[HeadingLine], lines: list[Line]) -> tuple[list[TableRegion], set[int]]:
    """The parts that hold a statistics table, and the indices of their lines that are not prose."""
    regions: list[TableRegion] = []
    table_lines: set[int] = set()
    for i, part in enumerate(parts):
        table = _part_table(part.title)
        if table is None:
            continue
        end_line = parts[i + 1].line.index if i + 1 < len(parts) else len(lines)
        body = lines[part.line.index + 1 : end_line]
        if not body:
            continue
        body_text = "\n".join([line.text for line in body])
        if not any(cue in body_text for cue in rules().table_cues):
            continue
        regions.append(TableRegion(table, body[0].start, body[-1].end))
        table_lines.update(range(body[0].index, body[-1].index + 1))
        table_lines.difference_update(_prose_lines(body))
    return regions, table_lines


@lru_cache(maxsize=1024)
def _part_table(title: str) -> str | None:
    """The statistics table a part's title announces, if any."""
    title = title.replace(" ", "")
    return next((p.table for p in layouts().parts if p.pattern.search(title)), None)


@lru_cache(maxsize=4096)
def _is_table_row(first_cell: str) -> bool:
    """A numbered row of a statistics table ("一、本年新收 0 0"), not a part heading."""
    label = _TRAILING_VALUES.sub("", first_cell).replace(" ", "")
    return _table_row_label().search(label) is not None


@cache
def _table_row_label() -> re.Pattern[str]:
    """The row labels of every table layout."""
    return _any_of([p.pattern for p in layouts().all_row_patterns()])


def _prose_lines(body: list[Line]) -> list[int]:
    """Sentences inside a table part (some reports add a remark under a table)."""
    return [
        line.index for line in body
        if len(line.content) > 40 and "|" not in line.text and line.content.endswith(_SENTENCE_ENDS)
    ]


def build_sections(headings: tuple[HeadingLine, ...], text_end: int) -> list[Section]:
    """The section tree: a section ends where the next heading of its level or above starts."""
    ends = [text_end] * len(headings)
    parents: list[str | None] = []
    paths: list[tuple[str, ...]] = []
    open_sections: list[tuple[int, HeadingLine]] = []  # the current heading and its ancestors
    for n, heading in enumerate(headings):
        while open_sections and open_sections[-1][1].level >= heading.level:
            ends[open_sections.pop()[0]] = heading.line.start
        parents.append(f"s{open_sections[-1][0]}" if open_sections else None)
        paths.append(tuple(h.title for _, h in open_sections) + (heading.title,))
        open_sections.append((n, heading))
    return [
        Section(
            id=f"s{n}", heading=heading.title, level=heading.level, marker=heading.marker.strip(),
            start=heading.line.start, end=ends[n], parent=parents[n], path=paths[n],
        )
        for n, heading in enumerate(headings)
    ]
