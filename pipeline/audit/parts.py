"""Which statutory part each section and paragraph belongs to, from level-1 headings."""
from __future__ import annotations

import re

import pandas as pd

from .config import AuditConfig

# The ordinal in front of a level-1 heading ("一、", "六、", "3.", "第二部分").
_MARKER = re.compile(r"^\s*(第?[一二三四五六七八九十]{1,3}(部分)?[、.．,，:：\s]*|[0-9]{1,2}[、.．]\s*)")


def part_of_heading(heading: str | None, edition: str | None, config: AuditConfig) -> str | None:
    """The id of the part a level-1 heading names, or None."""
    if not heading:
        return None
    text = _MARKER.sub("", heading)
    for rule in config.parts_of(edition or "legacy"):
        if rule.pattern.search(text):
            return rule.id
    return None


def section_parts(sections: pd.DataFrame, reports: pd.DataFrame, config: AuditConfig) -> pd.DataFrame:
    """Every section with the part of its level-1 ancestor: columns report_id, section_id, part, top_heading."""
    edition = reports.set_index("report_id")["edition"].to_dict()
    parent = dict(zip(zip(sections["report_id"], sections["section_id"]), sections["parent"]))
    level = dict(zip(zip(sections["report_id"], sections["section_id"]), sections["level"]))
    heading = dict(zip(zip(sections["report_id"], sections["section_id"]), sections["heading"]))
    rows = []
    for rid, sid in zip(sections["report_id"], sections["section_id"]):
        top = (rid, sid)
        # a chain of parents ends at a level-1 section or at a root above it
        while level.get(top) != 1 and parent.get(top):
            top = (rid, parent[top])
        top_heading = heading.get(top) if level.get(top) == 1 else None
        rows.append((rid, sid, part_of_heading(top_heading, edition.get(rid), config), top_heading))
    return pd.DataFrame(rows, columns=["report_id", "section_id", "part", "top_heading"])


def paragraph_parts(paragraphs: pd.DataFrame, parts: pd.DataFrame) -> pd.Series:
    """The part of each paragraph (aligned with ``paragraphs``), None outside any part."""
    merged = paragraphs[["report_id", "section_id"]].merge(parts, on=["report_id", "section_id"], how="left")
    return pd.Series(merged["part"].to_numpy(), index=paragraphs.index, dtype=object)
