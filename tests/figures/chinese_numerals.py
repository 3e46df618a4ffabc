"""Render integers as Chinese numerals, independently of the parser under test.

Used by the property tests and to write ``cases/numbers.jsonl``.
"""
from __future__ import annotations

LOWER = "零一二三四五六七八九"
CAPITAL = "零壹贰叁肆伍陆柒捌玖"
SMALL = {"lower": ("", "十", "百", "千"), "capital": ("", "拾", "佰", "仟")}


def _below_wan(n: int, digits: str, units: tuple[str, ...], *, leading: bool, liang: bool) -> str:
    """0 < n < 10000; ``leading`` says whether this group starts the numeral."""
    out = []
    places = [(n // 1000) % 10, (n // 100) % 10, (n // 10) % 10, n % 10]
    zero = False
    started = False
    for i, d in enumerate(places):
        power = 3 - i
        if d == 0:
            if started:
                zero = True
            continue
        if zero or (not started and not leading and power < 3):
            out.append(digits[0])
        zero = False
        if d == 2 and liang and power >= 2:
            out.append("两")
        elif d == 1 and power == 1 and leading and not started:
            pass  # 十二, not 一十二, at the start of a numeral
        else:
            out.append(digits[d])
        out.append(units[power])
        started = True
    return "".join(out)


def render(n: int, *, capital: bool = False, liang: bool = False) -> str:
    """``n`` (0 <= n < 10**12) in Chinese numerals with 万 and 亿 groupings."""
    if not 0 <= n < 10**12:
        raise ValueError(f"{n} is outside 0 <= n < 10**12")
    digits = CAPITAL if capital else LOWER
    units = SMALL["capital" if capital else "lower"]
    if n == 0:
        return digits[0]
    groups = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    names = ["", "万", "亿"]
    out = []
    pending_zero = False
    for index in range(len(groups) - 1, -1, -1):
        g = groups[index]
        if g == 0:
            pending_zero = bool(out)
            continue
        leading = not out
        text = _below_wan(g, digits, units, leading=leading, liang=liang)
        if pending_zero and not text.startswith(digits[0]):
            text = digits[0] + text
        out.append(text + names[index])
        pending_zero = False
    return "".join(out)
