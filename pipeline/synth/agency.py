"""Who publishes a synthetic report, and the report's dates and index number."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random
from string import ascii_uppercase, digits

from .vocab import vocab


@dataclass(frozen=True)
class Agency:
    name: str
    place: str  # the area whose portal publishes the report
    self_name: str  # how the report refers to its agency ("本局", "我镇")


def make_agency(rng: Random, *, legacy: bool) -> Agency:
    a = vocab("agencies")
    city = rng.choice(a["cities"]) + "市"
    area = rng.choice(a["districts"]) + rng.choice(a["district_suffixes"])
    bureaus = a["bureaus"] + (a["legacy_bureaus"] if legacy else [])
    kind = rng.choices(("area_gov", "city_gov", "bureau", "area_bureau", "town", "street"),
                       weights=(3, 1, 4, 6, 2, 1))[0]
    if kind == "area_gov":
        return Agency(rng.choice(("", city)) + area + "人民政府", area, rng.choice(("本级政府", "区政府", "我区")))
    if kind == "city_gov":
        return Agency(city + "人民政府", city, "市政府")
    if kind == "town":
        town = rng.choice(a["towns"]) + rng.choice(a["town_suffixes"])
        return Agency(area + town + "人民政府", area, "我" + town[-1])
    if kind == "street":
        return Agency(area + rng.choice(a["streets"]) + "街道办事处", area, rng.choice(("本街道", "街道办事处")))
    bureau = rng.choice(bureaus)
    place = city if kind == "bureau" else area
    prefix = city if kind == "bureau" else rng.choice((area, city + area))
    return Agency(prefix + bureau, place, _bureau_self(rng, bureau))


def _bureau_self(rng: Random, bureau: str) -> str:
    if bureau.endswith("委员会"):
        return rng.choice(("我委", "本委"))
    if bureau.endswith(("中心", "馆")):
        return rng.choice(("本中心", "我中心", "本单位")) if bureau.endswith("中心") else "本单位"
    return rng.choice(("本局", "我局", "本机关", "本单位"))


def report_dates(rng: Random, year: int) -> tuple[date, date]:
    """Written and published dates: early in the following year, published on or after writing."""
    written = date(year + 1, 1, 3) + timedelta(days=rng.randint(0, 55))
    return written, written + timedelta(days=rng.choice((0, 0, 0, 1, 2, 5, 9)))


def write_date(rng: Random, day: date) -> str:
    return rng.choice((day.isoformat(), f"{day.year}年{day.month}月{day.day}日",
                       f"{day.year}年{day.month:02d}月{day.day:02d}日", day.isoformat()))


def index_number(rng: Random, year: int) -> str:
    seq = rng.randint(1, 999)
    style = rng.randrange(3)
    if style == 0:
        code = "11" + "".join(rng.choices(digits, k=6)) + "".join(rng.choices(digits + ascii_uppercase, k=10))
        return f"{code}/{year}-{seq:05d}"
    if style == 1:
        return f"{rng.randint(0, 99999999):09d}/{year}-{seq:05d}"
    letters = "".join(rng.choices("abcdefghjkmnpqrstwxyz", k=rng.randint(6, 12)))
    return f"{letters}{rng.randint(0, 9999):04d}/{year}-{seq:07d}"
