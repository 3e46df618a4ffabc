from pathlib import Path

import pytest

from pipeline.tables.parse import TableRegion, parse_tables
from tests.conftest import read_jsonl

CASES = read_jsonl(Path(__file__).parent / "cases" / "regions.jsonl")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_parse_flattened_tables_to_canonical_keys(case):
    text = case["text"]
    result = parse_tables(text, [TableRegion(case["table"], 0, len(text))])
    tables = {c.key: c.value for c in result.cells}
    for key, value in case["expected"].items():
        assert key in tables, f"{key} not found"
        assert tables[key] == (pytest.approx(value) if value is not None else None), key
    for key in case.get("absent", []):
        assert key not in tables
    if "edition" in case:
        assert result.edition == case["edition"]
    if "extra_rows" in case:
        assert len(result.extra_rows) == case["extra_rows"]


def test_parse_keeps_offsets_of_cells():
    text = "行政许可 | 412 |\n"
    result = parse_tables("信息内容 | 本年处理决定数量 |\n" + text, [TableRegion("active", 0, 40)])
    cell = next(c for c in result.cells if c.key == "active.licensing.decisions")
    assert ("信息内容 | 本年处理决定数量 |\n" + text)[cell.start:cell.end] == "412"
