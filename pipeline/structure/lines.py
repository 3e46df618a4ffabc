"""The report text as lines with their offsets."""
from __future__ import annotations

import re
from functools import partial
from itertools import accumulate, count
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
    """The line without pipes, pinyin glosses and surrounding white space (for pattern tests); empty for a blank line."""


# Builds a Line from a tuple of its fields without the Python-level __new__ NamedTuple generates.
_line = partial(tuple.__new__, Line)


def split_lines(text: str) -> list[Line]:
    raws = text.split("\n")
    # Contents are cleaned for the whole text at once: neither a pipe nor a gloss spans lines.
    flat = text.replace("|", " ")
    if "(" in flat:
        flat = PINYIN_NOTE.sub("", flat)
    contents = map(str.strip, flat.split("\n"))
    next_starts = list(accumulate([len(raw) + 1 for raw in raws]))
    starts = [0, *next_starts[:-1]]
    ends = [start - 1 for start in next_starts]
    return list(map(_line, zip(count(), starts, ends, raws, contents)))
