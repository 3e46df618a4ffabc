"""Rule 6 of the table spec: counts stated in prose against the tables.

Each rule of ``configs/figures/prose_checks.toml`` picks the first prose
figure that states its count (``共收到政府信息公开申请66件``, ``无行政复议``)
and compares it with the sum of its cells.  A blank cell counts as zero, as
the spec says; a cell that is not applicable makes the check uncertain; a
report without the cells gets no check.  An approximate figure (``200余件``)
passes when the table respects its bound.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..configs import config_path, load_toml
from ..errors import ConfigError, Errors
from ..report import Cell, Check, Figure, Report

RULES_FILE = ("figures", "prose_checks.toml")
COUNT_UNITS = frozenset({"件", "条", "份", "个", "次", "起", "宗", "项", None})
_TOLERANCE = 1e-6
_ABOUT = 0.1


@dataclass(frozen=True)
class ProseRule:
    id: str
    cells: tuple[str, ...]
    item: re.Pattern[str]
    action: re.Pattern[str] | None
    exclude: re.Pattern[str] | None
    reason: str

    def matches(self, figure: Figure) -> bool:
        if figure.kind != "count" or figure.unit not in COUNT_UNITS or not figure.item:
            return False
        if not self.item.search(figure.item):
            return False
        if self.action is not None and not self.action.search(figure.action or ""):
            return False
        return not (self.exclude and (self.exclude.search(figure.item) or self.exclude.search(figure.text)))


@cache
def prose_rules() -> tuple[ProseRule, ...]:
    path = config_path(*RULES_FILE)
    rules = []
    for row in load_toml(*RULES_FILE).get("check", []):
        try:
            rules.append(ProseRule(
                row["id"], tuple(row["cells"]), re.compile(row["item"]),
                re.compile(row["action"]) if "action" in row else None,
                re.compile(row["exclude"]) if "exclude" in row else None, row["reason"]))
        except KeyError as e:
            raise ConfigError(Errors.E021, path=path, entry=row.get("id", "check"), reason=f"missing {e}") from e
        except re.error as e:
            raise ConfigError(Errors.E021, path=path, entry=row.get("id", "check"), reason=str(e)) from e
    return tuple(rules)


def prose_checks(report: Report) -> list[Check]:
    """One :class:`Check` per rule whose cells the report has and whose count its prose states."""
    by_key = {cell.key: cell for cell in report.cells}
    figures = [f for p in report.paragraphs if p.kind == "prose" for f in p.figures]
    checks = []
    for rule in prose_rules():
        if not all(key in by_key for key in rule.cells):
            continue
        figure = next((f for f in figures if rule.matches(f)), None)
        if figure is not None:
            checks.append(_compare(rule, figure, [by_key[k] for k in rule.cells]))
    return checks


def _compare(rule: ProseRule, figure: Figure, cells: list[Cell]) -> Check:
    keys = tuple(c.key for c in cells)
    prose = float(figure.value)
    said = f"prose {figure.text!r} = {_fmt(prose)}"
    unusable = [c.key for c in cells if c.value is None and c.semantics != "blank"]
    if unusable:
        return Check(rule.id, "uncertain", f"{rule.id}: {said}; not applicable or unreadable {', '.join(unusable)}",
                     keys, prose, None, None)
    table = round(sum(c.value or 0.0 for c in cells), 6)
    diff = round(prose - table, 6)
    if figure.approx == "over":
        ok = table >= prose - _TOLERANCE
    elif figure.approx == "under":
        ok = table <= prose + _TOLERANCE
    elif figure.approx == "about":
        ok = abs(diff) <= _ABOUT * max(prose, 1.0)
    else:
        ok = abs(diff) <= _TOLERANCE
    message = f"{said}; {' + '.join(keys)} = {_fmt(table)}"
    if not ok:
        message += f"; difference {_fmt(diff)}"
    return Check(rule.id, "pass" if ok else "fail", message, keys, prose, table, diff)


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
