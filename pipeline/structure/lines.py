"""The report text as lines with their offsets."""
from __future__ import annotations

import re
from typing import NamedTuple

# Pinyin glosses some sites insert after characters: 規(guī)章.
PINYIN_NOTE = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


class Line(NamedTuple):
    """A line of the text (a tuple: a report has thousands of them)."""

    index: int
    start: int
    end: int
    text: str
    content: str
    """The line without pipes, pinyin glosses and surrounding white space (for pattern tests)."""

    @property
    def blank(self) -> bool:
        return not self.content


def split_lines(text: str) -> list[Line]:
    lines = []
    start = 0
    for index, raw in enumerate(text.split("\n")):
        content = raw.replace("|", " ")
        if "(" in content:
            content = PINYIN_NOTE.sub("", content)
        lines.append(Line(index, start, start + len(raw), raw, content.strip()))
        start += len(raw) + 1
    return lines
