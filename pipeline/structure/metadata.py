"""Report metadata: title, agency, year, dates and index number."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..configs import load_toml
from .lines import Line

_DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
# Metadata sits above the report's first part; looking further finds dates of other things.
_HEAD_LINES = 40
_LEADING_VERB = re.compile(r"^(关于)?(现将|现)?(发布|印发|公布|公开)")


@dataclass(frozen=True)
class FoundMeta:
    title: str | None
    agency: str | None
    year: int | None
    written_date: str | None
    published_date: str | None
    index_number: str | None
    meta_lines: frozenset[int]


@cache
def _rules() -> tuple[dict[str, re.Pattern[str]], tuple[re.Pattern[str], ...], re.Pattern[str], re.Pattern[str]]:
    data = load_toml("metadata.toml")
    fields = {f["id"]: re.compile(f["pattern"]) for f in data["fields"]}
    titles = tuple(re.compile(p) for p in (data["title"]["pattern"], *data["title"]["patterns"]))
    return fields, titles, re.compile(data["year"]["period"]), re.compile(data["dates"]["closing"])


def iso_date(text: str) -> str | None:
    m = _DATE.search(text)
    if m is None:
        return None
    year, month, day = (int(g) for g in m.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def find_metadata(lines: list[Line], first_heading: int | None) -> FoundMeta:
    fields, title_res, period_re, closing_re = _rules()
    stop = first_heading if first_heading is not None else min(len(lines), _HEAD_LINES)
    head = lines[: min(stop, _HEAD_LINES)]
    values: dict[str, str] = {}
    meta_lines: set[int] = set()
    for line in head:
        flat = line.content.replace("|", " ")
        for field_id, pattern in fields.items():
            m = pattern.search(flat)
            if m and field_id not in values:
                values[field_id] = m.group("value").strip()
                meta_lines.add(line.index)
    title = agency_from_title = None
    year: int | None = None
    for line in head:
        compact = line.content.replace(" ", "")
        m = next((m for r in title_res if (m := r.search(compact))), None)
        if m:
            title = _strip_verb(m.group(0) if len(line.content) > 80 else line.content.replace("|", "").strip())
            agency_from_title = m.group("agency") or None
            year = int(m.group("year"))
            if len(line.content) <= 80:
                meta_lines.add(line.index)
            break
    if year is None:
        for line in lines[:_HEAD_LINES * 3]:
            m = period_re.search(line.content)
            if m:
                year = int(m.group("year"))
                break
    written = iso_date(values["written_date"]) if "written_date" in values else None
    published = iso_date(values["published_date"]) if "published_date" in values else None
    if written is None:
        for line in reversed(lines[-12:]):
            m = closing_re.match(line.content.replace(" ", ""))
            if m:
                written = iso_date(m.group("value"))
                break
    agency = values.get("agency") or _clean_agency(agency_from_title)
    return FoundMeta(
        title=title, agency=agency, year=year, written_date=written, published_date=published,
        index_number=values.get("index_number"), meta_lines=frozenset(meta_lines),
    )


def _strip_verb(text: str) -> str:
    """A title found inside a preamble sentence ("现发布…年度报告") without the verb."""
    return _LEADING_VERB.sub("", text).strip()


def _clean_agency(name: str | None) -> str | None:
    return _strip_verb(name) or None if name else None
