"""Chinese and Arabic number expressions to numbers.

:func:`parse_number` reads one numeral as written in the reports: Arabic with
separators (``1,234``, ``12.5``), Chinese numerals in every register
(``三十``, ``两千零五``, ``贰佰``, ``廿``), abbreviated forms (``一百五``,
``万九``), mixed forms (``1.5万``, ``3千4百``, ``4.78万亿``) and colloquial
ranges (``三四``, ``十五六``).  Approximation marks (余, 多) and percentages are
the extractor's business; this module only turns a numeral into a value.

Arithmetic is done in :class:`decimal.Decimal` so that ``15.8万`` is exactly
158000 and not 158000.00000000003.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..errors import Errors, InputError

# One canonical character per digit; capital (大写) and traditional forms fold onto it.
DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "○": 0, "洞": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "俩": 2, "倆": 2,
    "三": 3, "叁": 3, "參": 3, "叄": 3, "参": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
# Small units multiply the digit before them inside a group of four.
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
# Tens written as one character.
TENS: dict[str, int] = {"廿": 20, "卅": 30, "卌": 40}
# Large units scale everything written before them.
LARGE_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
POINT = frozenset("点點.")
# Written-out money: 壹佰圆叁角伍分整.
YUAN = frozenset("元圆圓块塊")
MONEY_PARTS: dict[str, Decimal] = {"角": Decimal("0.1"), "毛": Decimal("0.1"), "分": Decimal("0.01")}
MONEY_END = frozenset("整正")
NEGATIVE = frozenset("负負-−")
ARABIC = frozenset("0123456789")
SEPARATORS = frozenset(",，")
SPACES = frozenset(" \u3000\t")

_FULL_WIDTH = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"．": ".", "，": ",", "－": "-"})


@dataclass(frozen=True)
class Number:
    """A parsed numeral: ``value``, and ``value_max`` for a colloquial range (三四 → 3, 4)."""

    value: int | float
    value_max: int | float | None = None


def _plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def parse_number(text: str) -> Number:
    """Read one numeral.  Raises :class:`InputError` (E060) when ``text`` is not one."""
    cleaned = "".join(ch for ch in text.translate(_FULL_WIDTH) if ch not in SPACES)
    if not cleaned:
        raise InputError(Errors.E060, text=text, reason="empty")
    negative = cleaned[0] in NEGATIVE
    body = cleaned[1:] if negative else cleaned
    pair = _range_pair(body)
    try:
        if any(ch in YUAN for ch in body):
            low, high = _money(body), None
        elif pair is None:
            low, high = _value(body), None
        else:
            low, high = _value(pair[0]), _value(pair[1])
    except (ValueError, InvalidOperation, IndexError) as e:
        raise InputError(Errors.E060, text=text, reason=str(e) or "malformed") from e
    sign = -1 if negative else 1
    return Number(_plain(sign * low), None if high is None else _plain(sign * high))


def _money(body: str) -> Decimal:
    """壹拾壹元壹角壹分 = 11.11: yuan, then jiao and fen."""
    body = body.rstrip("".join(MONEY_END))
    cut = next(i for i, ch in enumerate(body) if ch in YUAN)
    if not cut and not body[cut + 1:]:
        raise ValueError("no amount")
    total = _value(body[:cut]) if cut else Decimal(0)
    rest = body[cut + 1:]
    start = 0
    for i, ch in enumerate(rest):
        if ch in MONEY_PARTS:
            total += _value(rest[start:i].lstrip("零〇") or "0") * MONEY_PARTS[ch]
            start = i + 1
    if rest[start:]:
        raise ValueError(f"unexpected {rest[start:]!r} after the amount")
    return total


def _range_pair(body: str) -> tuple[str, str] | None:
    """三四 → (三, 四), 十五六 → (十五, 十六), 三四十万 → (三十万, 四十万); else None.

    Two adjacent Chinese digits that count up by one, with no zero, are a
    colloquial range; any other run of bare digits is a digit string (二〇二四).
    """
    if any(ch in POINT for ch in body):
        return None
    for i in range(len(body) - 1):
        a, b = body[i], body[i + 1]
        if a in DIGITS and b in DIGITS and a not in ARABIC:
            da, db = DIGITS[a], DIGITS[b]
            if da and db == da + 1 and not _all_digits(body):
                return body[:i] + a + body[i + 2:], body[:i] + b + body[i + 2:]
            if da and db == da + 1 and len(body) == 2:
                return a, b
    return None


def _all_digits(body: str) -> bool:
    return all(ch in DIGITS for ch in body)


def _value(body: str) -> Decimal:
    if not body:
        raise ValueError("no digits")
    # Split at the last occurrence of the largest large unit: 4.78万亿 = (4.78万) × 亿.
    best = None
    for i, ch in enumerate(body):
        if ch in LARGE_UNITS and (best is None or LARGE_UNITS[ch] >= LARGE_UNITS[body[best]]):
            best = i
    if best is None:
        return _group(body)
    unit = LARGE_UNITS[body[best]]
    left, right = body[:best], body[best + 1:]
    high = _value(left) if left else Decimal(1)
    if not right:
        return high * unit
    # 一万六 = 16000: one bare digit after a large unit stands for the next lower place.
    if len(right) == 1 and right in DIGITS and DIGITS[right]:
        return high * unit + DIGITS[right] * unit // 10
    return high * unit + _value(right.lstrip("零〇○") or "0")


def _group(body: str) -> Decimal:
    """A numeral without 万/亿: Arabic (with separators and decimals) or Chinese below 万."""
    if body[0] in ARABIC or body[0] == ".":
        stripped = "".join(ch for ch in body if ch not in SEPARATORS)
        if all(ch in ARABIC or ch == "." for ch in stripped):
            return Decimal(stripped if stripped[0] != "." else "0" + stripped)
        # 1.5千, 3千4百: Arabic digits before Chinese small units.
        return _below_wan(body)
    point = next((i for i, ch in enumerate(body) if ch in POINT), None)
    if point is not None:
        whole = _group(body[:point]) if point else Decimal(0)
        decimals = "".join(str(DIGITS[ch]) if ch in DIGITS else _arabic(ch) for ch in body[point + 1:])
        if not decimals:
            raise ValueError("no digits after the point")
        return whole + Decimal("0." + decimals)
    if _all_digits(body):
        # 二〇二四, 一一: a digit string, read digit by digit.
        return Decimal("".join(str(DIGITS[ch]) for ch in body))
    return _below_wan(body)


def _arabic(ch: str) -> str:
    if ch in ARABIC:
        return ch
    raise ValueError(f"unexpected {ch!r}")


def _below_wan(body: str) -> Decimal:
    total = Decimal(0)
    number: Decimal | None = None
    last_unit: int | None = None
    after_zero = False
    arabic = False
    i = 0
    while i < len(body):
        ch = body[i]
        if ch in ARABIC:
            j = i
            while j < len(body) and (body[j] in ARABIC or body[j] == "." or body[j] in SEPARATORS):
                j += 1
            number = _group(body[i:j])
            arabic = True
            i = j
            continue
        if ch in DIGITS:
            if DIGITS[ch] == 0:
                after_zero = True
                number = None
            elif number is not None:
                raise ValueError("two digits in a row")
            else:
                number = Decimal(DIGITS[ch])
                arabic = False
        elif ch in TENS:
            total += TENS[ch]
            last_unit = 10
            number = None
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            total += (number if number is not None else 1) * unit
            number = None
            last_unit = unit
            after_zero = False
        else:
            raise ValueError(f"unexpected {ch!r}")
        i += 1
    if number is not None:
        # 一百五 = 150, 千三 = 1300; but 一百零五 = 105 and 1百23 = 123.
        abbreviated = last_unit and last_unit > 10 and not after_zero and not arabic
        total += number * last_unit // 10 if abbreviated else number
    return total
