"""How cells are printed: every raw text, read independently, gives the expected value."""
from __future__ import annotations

import re
from random import Random

from pipeline.synth import values

NOT_APPLICABLE = {"/", "—", "-", "——"}


def read_cell(raw: str) -> float | None:
    """A reader of printed cells, independent of the generator's own code."""
    if raw == "" or raw in NOT_APPLICABLE:
        return None
    raw = re.sub(r"[（(].*[）)]$", "", raw)
    if raw.endswith("万元"):
        return float(raw[:-2])
    if raw.endswith("元"):
        return float(raw[:-1]) / 10000
    sign = -1 if raw.startswith(("-", "减", "本年减")) else 1
    return sign * float(re.sub(r"^(\+|-|本年增|本年减|增|减)", "", raw))


def all_cells(reports: int = 300):
    for i in range(reports):
        rng = Random(i)
        edition = ("2021", "2019")[i % 2]
        numbers = {**values.active(rng, edition), **values.applications(rng, edition), **values.review(rng)}
        yield from values.write_cells(rng, numbers, allow_blank=i % 3 != 0).items()


def test_printed_cells_read_back_to_their_values():
    for key, cell in all_cells():
        assert read_cell(cell.raw) == cell.value, (key, cell)


def test_the_unusual_printings_all_occur():
    raws = [cell.raw for _, cell in all_cells()]
    assert any(re.fullmatch(r"\d+元", r) for r in raws)
    assert any("（含自然失效" in r for r in raws)
    assert any(r.startswith(("减", "本年增", "增")) for r in raws)
    assert any(r.startswith("+") for r in raws)
    assert any(re.fullmatch(r"\d+\.\d+", r) for r in raws)
    assert set(raws) & NOT_APPLICABLE and "" in raws


def test_yuan_amounts_convert_to_ten_thousands():
    yuan = [c for k, c in all_cells() if c.raw.endswith("元") and not c.raw.endswith("万元")]
    assert yuan
    for cell in yuan:
        assert cell.value == int(cell.raw[:-1]) / 10000


def test_layouts_that_lose_empty_cells_get_no_blank_cells():
    for i in range(100):
        rng = Random(i)
        numbers = {**values.applications(rng, "2021"), **values.review(rng)}
        assert all(c.raw for c in values.write_cells(rng, numbers, allow_blank=False).values())


def test_consistent_applications_balance_in_every_column():
    rng = Random(4)
    for edition in ("2021", "2019"):
        for _ in range(50):
            t = values.applications(rng, edition)
            for c in ("natural_person", "commercial", "total"):
                left = t[f"applications.new_received.{c}"] + t[f"applications.carried_over.{c}"]
                right = t[f"applications.handled_total.{c}"] + t[f"applications.carried_forward.{c}"]
                assert left == right
