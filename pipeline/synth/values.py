"""Table values with known truth: consistent numbers first, then the ways
reports write them (blanks, not-applicable marks, annotations, 元, signed
changes), then deliberate faults whose broken rules are recorded.
"""
from __future__ import annotations

from dataclasses import dataclass
from random import Random

from .checks import expected_checks
from .layout import (ACTIVE_2019, ACTIVE_2021, COLUMNS, PARTS, REVIEW_GROUPS, application_rows,
                     outcome_rows)

NOT_APPLICABLE = ("/", "—", "-", "——")
# Weights of the outcome rows: most requests are granted or the information is not held.
OUTCOME_WEIGHTS = {"granted": 10.0, "partially_granted": 2.0, "unavailable.not_held": 5.0,
                   "unavailable.needs_creation": 1.0, "not_processed.petition": 1.0,
                   "not_processed.duplicate": 1.0, "other.other": 1.0}


@dataclass(frozen=True)
class CellValue:
    """What the report prints (``raw``) and what extraction must yield (``value``)."""

    value: float | None
    raw: str


@dataclass(frozen=True)
class Fault:
    cell: str
    true: float
    written: float
    breaks: tuple[str, ...]


def number_text(value: float) -> str:
    """A count as an integer; an amount with two decimals, or up to four when needed."""
    if float(value).is_integer():
        return str(int(value))
    if round(value, 2) == value:
        return f"{value:.2f}"
    return f"{value:.4f}".rstrip("0")


def plain(value: float) -> CellValue:
    return CellValue(float(value), number_text(value))


def _split(rng: Random, total: int, rows: tuple[str, ...]) -> dict[str, int]:
    """Divide ``total`` among ``rows`` by random weights, in O(rows)."""
    weights = {r: OUTCOME_WEIGHTS.get(r, 0.3) * (rng.random() + 0.05) for r in rows if rng.random() < 0.6}
    weights = weights or {"granted": 1.0}
    scale = sum(weights.values())
    out = {r: int(total * w / scale) for r, w in weights.items()}
    left = total - sum(out.values())
    keys = list(weights)
    for _ in range(left):
        out[rng.choice(keys)] += 1
    return {r: out.get(r, 0) for r in rows}


def _size(rng: Random) -> int:
    scale = rng.choices((0, 8, 60, 400), weights=(3, 4, 3, 1))[0]
    return rng.randint(scale // 4, scale) if scale else 0


def applications(rng: Random, edition: str) -> dict[str, int]:
    """A consistent applications table: every balance, row and handled total holds."""
    size = _size(rng)
    shares = {"natural_person": 0.8, "commercial": 0.12, "research": 0.01, "social_welfare": 0.02,
              "legal_services": 0.03, "other_org": 0.02}
    grid: dict[str, dict[str, int]] = {}
    for c in PARTS:
        new = int(size * shares[c] * rng.uniform(0.5, 1.5)) if size else 0
        over = rng.randint(0, max(1, new // 6)) if rng.random() < (0.4 if new else 0.05) else 0
        forward = rng.randint(0, min(3, new + over)) if rng.random() < 0.3 else 0
        handled = new + over - forward
        column = {"new_received": new, "carried_over": over, "carried_forward": forward,
                  "handled_total": handled, **_split(rng, handled, outcome_rows(edition))}
        for row, v in column.items():
            grid.setdefault(row, {})[c] = v
    out = {}
    for row in application_rows(edition):
        for c in PARTS:
            out[f"applications.{row}.{c}"] = grid[row][c]
        out[f"applications.{row}.total"] = sum(grid[row].values())
    return out


def review(rng: Random) -> dict[str, int]:
    out = {}
    for g in REVIEW_GROUPS:
        busy = rng.random() < 0.3
        parts = [rng.choice((0, 0, 1, 2, 3)) if busy else 0 for _ in range(4)]
        out.update({f"review.{g}.{o}": v for o, v in zip(("upheld", "corrected", "other", "pending"), parts)})
        out[f"review.{g}.total"] = sum(parts)
    return out


def active(rng: Random, edition: str) -> dict[str, float]:
    big = rng.random() < 0.3
    if edition == "2021":
        issued, repealed = rng.randint(0, 12), rng.randint(0, 6)
        regs = (rng.randint(0, 3), 0, rng.randint(0, 20)) if big else (0, 0, 0)
        return dict(zip((f"active.{k}" for k in ACTIVE_2021), (
            *regs, issued, repealed, issued + rng.randint(0, 80),
            rng.randint(0, 6000 if big else 200), rng.randint(0, 900 if big else 40),
            rng.randint(0, 120 if big else 8), round(rng.uniform(0, 800), rng.choice((0, 2, 2, 4))) if big else 0,
        )))
    values: list[float] = []
    made = rng.randint(0, 10)
    values += [0, 0, 0] if not big else [1, 1, rng.randint(1, 30)]
    values += [made, made, made + rng.randint(0, 60)]
    for _ in ("licensing", "other_services", "penalty", "enforcement"):
        previous = rng.randint(0, 120)
        values += [previous, rng.randint(-min(previous, 5), 12), rng.randint(0, 3000 if big else 60)]
    fee_items = rng.randint(0, 15)
    values += [fee_items, rng.randint(-min(fee_items, 3), 3)]
    values += [rng.randint(0, 40), round(rng.uniform(0, 3000), 4) if big else 0]
    return dict(zip((f"active.{k}" for k in ACTIVE_2019), values))


def _change(rng: Random, v: float) -> CellValue:
    n = int(v)
    if n > 0:
        raw = rng.choice((f"+{n}", f"{n}", f"增{n}", f"本年增{n}", f"+{n}"))
    elif n < 0:
        raw = rng.choice((f"-{-n}", f"减{-n}", f"本年减{-n}", f"-{-n}"))
    else:
        raw = "0"
    return CellValue(float(n), raw)


def write_cells(rng: Random, numbers: dict[str, float], *, allow_blank: bool) -> dict[str, CellValue]:
    """How this report prints each number; ``allow_blank`` is off for layouts that lose empty cells."""
    blank_zeros = allow_blank and rng.random() < 0.15
    not_applicable = rng.random() < 0.12
    mark = rng.choice(NOT_APPLICABLE)
    annotate = rng.random() < 0.15
    yuan = rng.random() < 0.35
    cells: dict[str, CellValue] = {}
    for key, v in numbers.items():
        if key.endswith(".change"):
            cell = _change(rng, v)
        elif key == "active.procurement.amount_10k_yuan" and yuan and v:
            whole = int(round(v * 10000))
            cell = CellValue(whole / 10000, f"{whole}元")
        elif key.endswith("amount_10k_yuan") and v and rng.random() < 0.2:
            cell = CellValue(float(v), f"{number_text(v)}万元")
        elif annotate and key in ("active.normative_documents.repealed", "active.regulations.repealed") and v:
            cell = CellValue(float(v), f"{int(v)}（含自然失效{rng.randint(0, int(v))}件）")
            annotate = False
        elif (not_applicable and v == 0 and key.startswith(("active.regulations", "active.fees"))):
            cell = CellValue(None, mark)
        elif blank_zeros and v == 0 and key.startswith("applications.") and not key.endswith(
                (".natural_person", ".total")):
            cell = CellValue(None, "")
        elif allow_blank and v == 0 and key.startswith("review.") and rng.random() < 0.02:
            cell = CellValue(None, "")
        else:
            cell = plain(v)
        cells[key] = cell
    return cells


def _failing(cells: dict[str, CellValue], edition: str) -> set[str]:
    tables = {k: c.value for k, c in cells.items()}
    return {c["rule"] for c in expected_checks(tables, edition) if c["status"] == "fail"}


def inject_faults(rng: Random, cells: dict[str, CellValue], edition: str, count: int) -> list[Fault]:
    """Misprint ``count`` cells so that each misprint breaks at least one rule."""
    faults: list[Fault] = []
    candidates = [k for k, c in cells.items()
                  if c.value is not None and k.startswith(("applications.", "review."))]
    for _ in range(count):
        for _attempt in range(12):
            key = rng.choice(candidates)
            true = cells[key].value
            written = true + rng.choice((1, 1, 2, 3, 5, 10, -1, -2))
            if written < 0:
                continue
            before = _failing(cells, edition)
            cells[key] = plain(written)
            broken = _failing(cells, edition) - before
            if broken:
                faults.append(Fault(key, true, written, tuple(sorted(broken))))
                break
            cells[key] = plain(true)
    return faults
