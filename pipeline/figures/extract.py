"""The figure extractor's core: plain text in, :class:`~pipeline.report.Figure` objects out.

Steps, each driven by ``configs/figures/``:

1. normalise (full width → ASCII, traditional → simplified; lengths unchanged,
   so offsets found on the normalised text index the text as written);
2. mask what is never a figure (dates, document numbers, phones, URLs, titles…);
3. match numerals with their approximation marks, range and unit;
4. refuse candidates in the context of a name or code;
5. read the value (:func:`~pipeline.figures.numbers.parse_number`), fold 万/亿
   into counts but keep them in money units (``4.5万元`` → 4.5, ``万元``);
6. find negated zeros ("未收到…申请", "无行政复议");
7. name item and action (:mod:`pipeline.figures.items`).

Offsets are relative to the text given.  Every figure's ``rule`` names the
unit or rule that made it (``unit.tiao``, ``bare.arabic``, ``negation.zero``).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import replace
from typing import NamedTuple

from ..errors import InputError
from ..normalize import fold_width, to_simplified
from ..report import Figure
from .items import CLAUSE_BREAK, ItemNamer
from .lexicon import Lexicon, Unit, load_lexicon
from .numbers import parse_number

CN_NUMERAL = "零〇○一二三四五六七八九十百千万亿两廿卅壹贰叁肆伍陆柒捌玖拾佰仟"
CN_DIGIT = "零〇○一二三四五六七八九两壹贰叁肆伍陆柒捌玖"
MULTIPLIERS = "十百千万亿"
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CHINESE = rf"[{CN_NUMERAL}]+(?:点[{CN_DIGIT}]+)?"
_NUMERAL = rf"(?:{_ARABIC}|{_CHINESE})(?:[余多]?[{MULTIPLIERS}])*"
_HAS_NUMBER = re.compile(rf"[0-9{CN_NUMERAL}]")
# the first character of every candidate: a digit, or a Chinese numeral (百分之 and 千分之 start with one)
_NUMERAL_START = re.compile(rf"[\d{CN_NUMERAL}]")


class _Candidate(NamedTuple):
    start: int
    end: int
    numeral: str
    numeral_max: str | None
    unit: Unit | None
    percent: str | None
    inside: bool


class FigureFinder:
    """Finds figures in one text; build once, call :meth:`find` many times."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        lex = self.lexicon
        units = "|".join(re.escape(u) for u in dict.fromkeys(u.unit for u in lex.units))
        connectors = "|".join(re.escape(c) for c in lex.range_connectors)
        self._pattern = re.compile(
            rf"(?P<pct>百分之|千分之)?(?P<num>{_NUMERAL})(?P<inside>余|多)?"
            rf"(?:\s*(?:{connectors})\s*(?P<num2>{_NUMERAL})(?P<inside2>余|多)?)?"
            rf"(?P<unit>\s*(?:{units}))?"
        )
        self._units_by_text: dict[str, tuple[Unit, ...]] = {}
        for unit in lex.units:
            self._units_by_text.setdefault(unit.unit, ())
            self._units_by_text[unit.unit] += (unit,)
        self._approx_before = sorted(((cue, a) for a in lex.approx for cue in a.before), key=lambda p: -len(p[0]))
        self._approx_after = sorted(((cue, a) for a in lex.approx for cue in a.after), key=lambda p: -len(p[0]))
        self._inside = {cue: a for a in lex.approx for cue in a.inside}
        neg = lex.negation
        self._cue = re.compile("|".join(re.escape(c) for c in sorted(neg.cues, key=len, reverse=True)))
        # per cue, the not-cues that contain it, one pattern per offset of the cue in them: a cue inside one
        # of them is no negation
        self._not_cues = {cue: _by_offset(cue, neg.not_cues) for cue in neg.cues}
        # longest first, as the alternation tries them in order
        self._verb = re.compile("|".join(re.escape(v) for v in sorted(neg.verbs, key=len, reverse=True)))
        # where a negated object ends: a clause break, or 、/和/及 before the next negation
        self._object_end = re.compile(rf"{CLAUSE_BREAK.pattern}|[、和及](?={self._cue.pattern})")
        self.namer = ItemNamer(lex.items)

    def find(self, text: str) -> list[Figure]:
        """All figures of ``text``, in order; offsets relative to ``text``."""
        norm = to_simplified(fold_width(text))
        figures: list[Figure] = []
        if _HAS_NUMBER.search(norm):
            for cand in self._candidates(norm):
                figure = self._figure(text, norm, cand)
                if figure is not None:
                    figures.append(figure)
        figures.extend(self._negations(text, norm, figures))
        figures.sort(key=lambda f: f.start)
        return self._name(text, norm, figures)

    def _masks(self, norm: str) -> list[tuple[int, int]]:
        spans = sorted((m.start(), m.end()) for mask in self.lexicon.masks for m in mask.pattern.finditer(norm)
                       if m.end() > m.start())
        return spans

    @staticmethod
    def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
        i = bisect_right(spans, (end, end))
        return any(s < end and e > start for s, e in spans[:i])

    def _matches(self, norm: str) -> Iterator[re.Match[str]]:
        """What ``self._pattern.finditer(norm)`` yields, found faster.

        The pattern matches at every numeral and nowhere else, but gives the
        regex engine no first character to skip ahead to: jumping from numeral
        to numeral with a one-character pattern saves trying it at every position.
        """
        pos = 0
        while (numeral := _NUMERAL_START.search(norm, pos)) is not None:
            match = self._pattern.match(norm, numeral.start())
            yield match
            pos = match.end()

    def _candidates(self, norm: str) -> list[_Candidate]:
        # the masks scan the whole text: most numerals (一 in 进一步, 统一) fail the cheap tests first and never need them
        passed = [cand for cand in (self._candidate(norm, m) for m in self._matches(norm)) if cand is not None]
        if not passed:
            return []
        masked = self._masks(norm)
        return [cand for cand in passed if not self._overlaps(masked, cand.start, cand.end)]

    def _candidate(self, norm: str, m: re.Match[str]) -> _Candidate | None:
        """The candidate ``m`` makes, unless its numeral or context rules it out."""
        pct, numeral, inside, numeral_max, inside_max, unit_written = m.group(
            "pct", "num", "inside", "num2", "inside2", "unit")
        start, end = m.span()
        unit = None
        if unit_written:
            unit = next((u for u in self._units_by_text[unit_written.strip()]
                         if u.after is None or norm.startswith(u.after, end)), None)
            if unit is None:
                end -= len(unit_written)  # the unit ends the match
        if unit is None and pct is None and not self._bare_ok(norm, start, end, numeral, numeral_max):
            return None
        cand = _Candidate(start, end, numeral, numeral_max, unit, pct, bool(inside or inside_max))
        return None if self._refused(norm, cand) else cand

    def _bare_ok(self, norm: str, start: int, end: int, numeral: str, numeral_max: str | None) -> bool:
        """Whether a numeral without unit counts the noun before it ('依申请公开1,')."""
        bare = self.lexicon.bare
        if not numeral[0].isdigit() or numeral_max is not None:
            return False
        if bare.refuse.search(numeral):
            return False
        return bool(bare.before.search(norm[max(0, start - 2):start]) and bare.after.search(norm[end:]))

    def _refused(self, norm: str, cand: _Candidate) -> bool:
        before = norm[max(0, cand.start - 8):cand.start]
        after = norm[cand.end:cand.end + 4]
        for rule in self.lexicon.refusals:
            if rule.number is not None:
                if not rule.number.search(cand.numeral) or (rule.except_range and cand.numeral_max is None
                                                            and _is_range(cand.numeral)):
                    continue
            if rule.before is not None and not rule.before.search(before):
                continue
            if rule.after is not None and not rule.after.search(after):
                continue
            return True
        return False

    def _figure(self, text: str, norm: str, cand: _Candidate) -> Figure | None:
        numeral = cand.numeral.replace("余", "").replace("多", "")
        unit_written = cand.unit.unit if cand.unit else None
        kind = cand.unit.kind if cand.unit else "count"
        rule = cand.unit.id if cand.unit else self.lexicon.bare.id
        if cand.percent:
            unit_written, kind, rule = ("%", "percent", "unit.percent") if cand.percent == "百分之" else ("‰", "ratio", "unit.permille")
        if kind == "money":
            # Money keeps 万/亿 in its unit, as written: 4.5万元 → 4.5 万元.
            trail = len(numeral) - len(numeral.rstrip("万亿千百"))
            if trail and numeral[:-trail] and numeral[-trail - 1] not in MULTIPLIERS + CN_DIGIT:
                unit_written = numeral[-trail:] + unit_written
                numeral = numeral[:-trail]
        try:
            number = parse_number(numeral)
            high = parse_number(cand.numeral_max.replace("余", "").replace("多", "")) if cand.numeral_max else None
        except InputError:
            return None
        value_max = high.value if high is not None else number.value_max
        approx = None
        if cand.inside or any(ch in cand.numeral for ch in "余多"):
            approx = self._inside.get("余") and self._inside["余"].approx
        before = norm[max(0, cand.start - 4):cand.start]
        for cue, a in self._approx_before:
            if before.endswith(cue) and (a.kinds is None or kind in a.kinds):
                approx = a.approx
                break
        after = norm[cand.end:cand.end + 3]
        for cue, a in self._approx_after:
            if after.startswith(cue) and (a.kinds is None or kind in a.kinds):
                approx = a.approx
                break
        return Figure(text=text[cand.start:cand.end], start=cand.start, end=cand.end, value=number.value,
                      value_max=value_max, approx=approx, unit=unit_written, kind=kind, item=None, action=None,
                      negated=False, rule=rule)

    def _negations(self, text: str, norm: str, found: list[Figure]) -> list[Figure]:
        neg = self.lexicon.negation
        out: list[Figure] = []
        for m in self._cue.finditer(norm):
            pos, cue = m.start(), m.group()
            if any(pos >= offset and not_cue.match(norm, pos - offset) for offset, not_cue in self._not_cues[cue]):
                continue
            verb_match = self._verb.match(norm, m.end())
            verb = verb_match.group() if verb_match else None
            obj_start = verb_match.end() if verb_match else m.end()
            limit = min(len(norm), pos + neg.max_length)
            stop = self._object_end.search(norm, obj_start)
            end = max(obj_start, min(limit, stop.start() if stop else limit))
            obj = norm[obj_start:end]
            if not obj or not any(h in obj for h in neg.heads) or _HAS_DIGIT.search(obj):
                continue
            if any(f.start < end and f.end > pos for f in found):
                continue
            item_end = end
            for tail in neg.strip_tail:
                if norm[obj_start:item_end].endswith(tail) and item_end - len(tail) > obj_start:
                    item_end -= len(tail)
                    break
            kind = "money" if any(h in obj for h in neg.money_heads) else "count"
            out.append(Figure(text=text[pos:end], start=pos, end=end, value=0, value_max=None, approx=None,
                              unit=None, kind=kind, item=text[obj_start:item_end], action=verb, negated=True,
                              rule=neg.id))
        return out

    def _name(self, text: str, norm: str, figures: list[Figure]) -> list[Figure]:
        follows = self._follows(text, norm, figures)
        named: list[Figure] = []
        floor = 0
        previous_item = previous_action = None
        for fig, follow in zip(figures, follows):
            if fig.negated:
                named.append(fig)
                previous_item = fig.item
                floor = fig.end
                continue
            naming = self.namer.preceding(text, norm, self.namer.left_start(norm, fig.start, floor), fig.start,
                                          previous_action)
            item, action = naming.item, naming.action
            if follow is not None:
                item, action = follow[0], naming.last_verb or action
            if item is None and naming.inherit:
                item = previous_item
            named.append(replace(fig, item=item, action=action))
            previous_item = item or previous_item
            previous_action = action
            floor = fig.end
        return named

    def _follows(self, text: str, norm: str, figures: list[Figure]) -> list[tuple[str, int, int] | None]:
        """The noun phrase after each count with a unit (see :meth:`ItemNamer.following`), or None.

        Counts written back to back ('6大类30条109项工作任务') enumerate one
        thing: each shares the noun after the last of them.
        """
        follows: list[tuple[str, int, int] | None] = [None] * len(figures)
        for i in range(len(figures) - 1, -1, -1):
            fig = figures[i]
            if fig.negated or fig.kind != "count" or fig.unit is None:
                continue
            if i + 1 < len(figures) and figures[i + 1].start == fig.end and follows[i + 1] is not None:
                follows[i] = follows[i + 1]
            else:
                follows[i] = self.namer.following(text, norm, fig.end)
        return follows


_HAS_DIGIT = re.compile(rf"[0-9]|[{CN_DIGIT}十百千][{CN_NUMERAL}]*[条件次场家个项篇份人]")


def _by_offset(cue: str, not_cues: tuple[str, ...]) -> tuple[tuple[int, re.Pattern[str]], ...]:
    """(offset, pattern of the not-cues that hold ``cue`` at that offset), for each offset."""
    offsets: dict[int, list[str]] = {}
    for not_cue in not_cues:
        if (offset := not_cue.find(cue)) >= 0:
            offsets.setdefault(offset, []).append(not_cue)
    return tuple((offset, re.compile("|".join(map(re.escape, group)))) for offset, group in offsets.items())


def _is_range(numeral: str) -> bool:
    try:
        return parse_number(numeral).value_max is not None
    except InputError:
        return False
