"""Body lines to paragraphs, re-joining lines that a PDF or a fixed-width page hard-wrapped."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .lines import Line

_TERMINAL = tuple("。！？!?；;：:")
# A document is hard-wrapped when this share of its long body lines stop
# without punctuation at (nearly) the same width.
_WRAPPED_SHARE = 0.5
_WIDTH_SLACK = 3


@dataclass(frozen=True)
class LineBlock:
    """Consecutive body lines that form one paragraph."""

    lines: tuple[Line, ...]

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    def text(self, original: str) -> str:
        """The paragraph's text in the original script, wrapped lines joined."""
        return "".join([original[line.start:line.end].strip() for line in self.lines])


def wrap_width(lines: list[Line]) -> int | None:
    """The width at which the text was hard-wrapped, or None when it was not."""
    lengths = [len(line.content) for line in lines if len(line.content) >= 15]
    if len(lengths) < 4:
        return None
    width, _ = Counter(lengths).most_common(1)[0]
    width = max(n for n in lengths if n <= width + _WIDTH_SLACK)
    open_ended = [
        line for line in lines
        if len(line.content) >= width - _WIDTH_SLACK and not line.content.endswith(_TERMINAL)
    ]
    return width if len(open_ended) / len(lengths) >= _WRAPPED_SHARE else None


def group_lines(body: list[Line], breaks_before: set[int], width: int | None) -> list[LineBlock]:
    """One block per line, or per run of wrapped lines when ``width`` is known.

    ``breaks_before`` holds indices of lines that must start a new paragraph
    (headings, table rows, blank lines end the previous block anyway).
    """
    blocks: list[LineBlock] = []
    current: list[Line] = []
    for line in body:
        if current:
            previous = current[-1]
            joins = (
                width is not None
                and line.index == previous.index + 1
                and line.index not in breaks_before
                and not previous.content.endswith(_TERMINAL)
                and len(previous.content) >= width - _WIDTH_SLACK
            )
            if not joins:
                blocks.append(LineBlock(tuple(current)))
                current = []
        current.append(line)
    if current:
        blocks.append(LineBlock(tuple(current)))
    return blocks
