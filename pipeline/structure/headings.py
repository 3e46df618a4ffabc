"""Heading lines, the section tree, and the spans of the statistics tables."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..configs import load_toml
from ..report import Section
from ..tables.layout import layouts
from ..tables.parse import TableRegion
from .lines import Line

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_SENTENCE_END = "。！？!?"
_RUN_IN_END = re.compile(r"[。：:]")
_CLAUSE_END = re.compile(r"[，,。；;：:]")
_SPACES = re.compile(r"\s+")
# The values after a row label on a flattened table line ("四、结转下年度继续办理 0 0 0").
_TRAILING_VALUES = re.compile(r"[\s\d./—-]+$")


@dataclass(frozen=True)
class Marker:
    id: str
    level: int
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class HeadingLine:
    line: Line
    level: int
    marker: str
    title: str
    run_in: bool


@dataclass(frozen=True)
class StructureRules:
    markers: tuple[Marker, ...]
    heading_max_chars: int
    run_in_max_chars: int
    heading_path_levels: int
    report_cues: tuple[str, ...]
    table_cues: tuple[str, ...]
    furniture: re.Pattern[str]
    any_marker: re.Pattern[str]


@cache
def rules() -> StructureRules:
    data = load_toml("structure.toml")
    markers = tuple(Marker(m["id"], m["level"], re.compile(m["pattern"])) for m in data["markers"])
    return StructureRules(
        markers=markers,
        heading_max_chars=data["limits"]["heading_max_chars"],
        run_in_max_chars=data["limits"]["run_in_max_chars"],
        heading_path_levels=data["limits"]["heading_path_levels"],
        report_cues=tuple(data["report"]["cues"]),
        table_cues=tuple(data["tables"]["cues"]),
        furniture=_any_of(data["furniture"]["patterns"]),
        any_marker=_any_of([m.pattern.pattern for m in markers]),
    )


def _any_of(patterns: list[str]) -> re.Pattern[str]:
    """One regex for a list of alternatives: a line is tested once, not once per pattern."""
    return re.compile("|".join(f"(?:{p})" for p in patterns))


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


def classify(line: Line) -> HeadingLine | None:
    """A line opening with a heading marker, as a heading or a run-in heading."""
    content = line.content
    spec = rules()
    if not spec.any_marker.match(content):
        return None
    for marker in spec.markers:
        m = marker.pattern.match(content)
        if m is None:
            continue
        rest = content[m.end():].strip()
        if not rest:
            return None
        if marker.level == 5:
            clause = _CLAUSE_END.search(rest)
            title = rest[: clause.start()] if clause else rest
            return HeadingLine(line, 5, m.group(), _SPACES.sub(" ", (m.group() + title)).strip(), run_in=True)
        body = rest.rstrip(_SENTENCE_END)
        if len(content) <= spec.heading_max_chars and not any(ch in body for ch in _SENTENCE_END):
            return HeadingLine(line, marker.level, m.group(), _SPACES.sub(" ", content).strip(), run_in=False)
        end = _RUN_IN_END.search(rest)
        if end is not None and end.start() <= spec.run_in_max_chars:
            title = _SPACES.sub(" ", m.group() + rest[: end.start()]).strip()
            return HeadingLine(line, marker.level, m.group(), title, run_in=True)
        return None
    return None


@dataclass(frozen=True)
class Outline:
    headings: tuple[HeadingLine, ...]
    regions: tuple[TableRegion, ...]
    table_lines: frozenset[int]


def outline(lines: list[Line]) -> Outline:
    """Find headings, and the table parts whose lines belong to the table parser."""
    spec = layouts()
    row_patterns = spec.all_row_patterns()
    classified = {line.index: h for line in lines if (h := classify(line)) is not None}
    parts: list[HeadingLine] = []
    last_number = 0
    for line in lines:
        heading = classified.get(line.index)
        if heading is None or heading.level != 1:
            continue
        label = _TRAILING_VALUES.sub("", line.text.split("|")[0]).replace(" ", "")
        if any(p.search(label) for p in row_patterns):
            continue
        number = part_number(heading.marker)
        if number is None or number <= last_number:
            continue
        parts.append(heading)
        last_number = number
    regions: list[TableRegion] = []
    table_lines: set[int] = set()
    for i, part in enumerate(parts):
        title = part.title.replace(" ", "")
        table = next((p.table for p in spec.parts if p.pattern.search(title)), None)
        if table is None:
            continue
        end_line = parts[i + 1].line.index if i + 1 < len(parts) else len(lines)
        body = lines[part.line.index + 1 : end_line]
        if not body or not any(cue in line.text for line in body for cue in rules().table_cues):
            continue
        regions.append(TableRegion(table, body[0].start, body[-1].end))
        table_lines.update(line.index for line in body if not _is_prose(line))
    part_lines = {p.line.index for p in parts}
    headings: list[HeadingLine] = []
    for line in lines:
        if line.index in table_lines:
            continue
        if line.index in part_lines:
            headings.append(next(p for p in parts if p.line.index == line.index))
            continue
        heading = classified.get(line.index)
        if heading is not None and heading.level > 1:
            headings.append(heading)
    return Outline(tuple(headings), tuple(regions), frozenset(table_lines))


def _is_prose(line: Line) -> bool:
    """A sentence inside a table part (some reports add a remark under a table)."""
    text = line.content
    return "|" not in line.text and len(text) > 40 and text.endswith(tuple(_SENTENCE_END))


def build_sections(headings: tuple[HeadingLine, ...], text_end: int) -> list[Section]:
    sections: list[Section] = []
    stack: list[tuple[HeadingLine, str]] = []
    ids: list[str] = []
    for n, heading in enumerate(headings):
        while stack and stack[-1][0].level >= heading.level:
            stack.pop()
        section_id = f"s{n}"
        parent = stack[-1][1] if stack else None
        path = tuple(h.title for h, _ in stack) + (heading.title,)
        end = text_end
        for later in headings[n + 1 :]:
            if later.level <= heading.level:
                end = later.line.start
                break
        sections.append(Section(
            id=section_id, heading=heading.title, level=heading.level, marker=heading.marker.strip(),
            start=heading.line.start, end=end, parent=parent, path=path,
        ))
        stack.append((heading, section_id))
        ids.append(section_id)
    return sections
