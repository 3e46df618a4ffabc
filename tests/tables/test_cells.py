from pathlib import Path

import pytest

from pipeline.tables.cells import is_value_text, parse_cell
from tests.conftest import read_jsonl

CASES = read_jsonl(Path(__file__).parent / "cases" / "cells.jsonl")


@pytest.mark.parametrize("case", CASES, ids=[c["raw"] or "<blank>" for c in CASES])
def test_cells_parse_to_value_and_semantics(case):
    parsed = parse_cell(case["raw"], money=case.get("money", False))
    assert parsed.semantics == case["semantics"]
    if case["value"] is None:
        assert parsed.value is None
    else:
        assert parsed.value == pytest.approx(case["value"])
    if "note" in case:
        assert parsed.note == case["note"]


def test_cells_tell_values_from_labels():
    assert is_value_text("0") and is_value_text("") and is_value_text("/") and is_value_text("本年增15")
    assert not is_value_text("行政许可") and not is_value_text("第二十条第(一)项") and not is_value_text("2.重复申请")
