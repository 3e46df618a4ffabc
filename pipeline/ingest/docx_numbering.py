"""Automatic list numbers of a Word document, spelled as Word displays them.

Word keeps ``一、`` or ``(二)`` of a numbered heading out of the paragraph's
text, in ``numbering.xml``; without it a report loses the heading markers
its structure is found by.  This module counts numbered paragraphs in
document order and renders each one's label from its level's ``numFmt`` and
``lvlText`` (``%1、``, ``(%2)``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"

_CHINESE_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def chinese_counting(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 25 -> 二十五 (Word's ``chineseCounting``)."""
    if n < 10:
        return _CHINESE_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CHINESE_DIGITS[tens]) + "十" + (_CHINESE_DIGITS[ones] if ones else "")
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out += letters * count
    return out


def _letters(n: int) -> str:
    # Word repeats the letter past z: 27 -> aa.
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, num_fmt: str) -> str:
    if num_fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "chineseLegalSimplified"):
        return chinese_counting(n)
    if num_fmt == "decimalEnclosedCircle" or num_fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else str(n)
    if num_fmt == "lowerRoman":
        return _roman(n)
    if num_fmt == "upperRoman":
        return _roman(n).upper()
    if num_fmt == "lowerLetter":
        return _letters(n)
    if num_fmt == "upperLetter":
        return _letters(n).upper()
    if num_fmt == "none":
        return ""
    return str(n)


@dataclass(frozen=True)
class Level:
    start: int
    num_fmt: str
    text: str


@dataclass
class Numbering:
    """Levels per ``numId`` and the running counters of a document."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)
    # Lists sharing an abstract definition share counters, as in Word.
    abstract_of: dict[str, str] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def from_xml(cls, root: etree._Element | None) -> Numbering:
        if root is None:
            return cls()
        abstract_levels = {
            node.get(f"{_W}abstractNumId"): _levels(node) for node in root.iterfind(f"{_W}abstractNum")
        }
        numbering = cls()
        for num in root.iterfind(f"{_W}num"):
            num_id = num.get(f"{_W}numId")
            ref = num.find(f"{_W}abstractNumId")
            abstract_id = ref.get(f"{_W}val") if ref is not None else None
            levels = dict(abstract_levels.get(abstract_id, {}))
            for override in num.iterfind(f"{_W}lvlOverride"):
                ilvl = _int(override.get(f"{_W}ilvl", "0"), default=0)
                lvl = override.find(f"{_W}lvl")
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
            numbering.levels[num_id] = levels
            numbering.abstract_of[num_id] = abstract_id or num_id
        return numbering

    def label(self, num_id: str, ilvl: int) -> str:
        """The next label of list ``num_id`` at level ``ilvl``; counting advances."""
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(self.abstract_of[num_id], {})
        level = levels[ilvl]
        if level.num_fmt == "bullet":
            return ""
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        # A higher level restarts every deeper one.
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        label = level.text
        for k, lvl in levels.items():
            placeholder = f"%{k + 1}"
            if placeholder in label:
                label = label.replace(placeholder, format_number(counters.get(k, lvl.start), lvl.num_fmt))
        return label


def _val(node: etree._Element, tag: str, default: str) -> str:
    child = node.find(f"{_W}{tag}")
    return child.get(f"{_W}val", default) if child is not None else default


def _int(text: str, *, default: int) -> int:
    return int(text) if text.strip().isdigit() else default


def _level(lvl: etree._Element) -> Level:
    return Level(
        start=_int(_val(lvl, "start", "1"), default=1),
        num_fmt=_val(lvl, "numFmt", "decimal"),
        text=_val(lvl, "lvlText", ""),
    )


def _levels(abstract: etree._Element) -> dict[int, Level]:
    return {_int(lvl.get(f"{_W}ilvl", "0"), default=0): _level(lvl) for lvl in abstract.iterfind(f"{_W}lvl")}
