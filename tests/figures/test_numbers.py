import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.errors import InputError
from pipeline.figures.numbers import parse_number

from .chinese_numerals import render

CASES = [json.loads(line) for line in (Path(__file__).parent / "cases" / "numbers.jsonl").read_text("utf-8").splitlines()
         if line.strip()]


@pytest.mark.parametrize("case", CASES, ids=[c["text"] for c in CASES])
def test_numbers_read_every_written_form(case):
    number = parse_number(case["text"])
    assert number.value == pytest.approx(case["value"], rel=1e-12, abs=1e-12)
    assert number.value_max == case.get("value_max")


def test_numbers_fold_wan_into_value_exactly():
    assert parse_number("15.8万").value == 158000
    assert isinstance(parse_number("15.8万").value, int)


def test_numbers_keep_fractions_as_float():
    assert parse_number("十二点五").value == 12.5


@pytest.mark.parametrize("text", ["", "元整", "点", "十点", "abc", "一二三x"])
def test_numbers_reject_what_is_not_a_numeral(text):
    with pytest.raises(InputError) as info:
        parse_number(text)
    assert info.value.code == "E060"


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_numbers_round_trip_chinese_numerals(n):
    assert parse_number(render(n)).value == n


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_numbers_round_trip_capital_numerals_with_liang(n):
    assert parse_number(render(n, capital=True, liang=True)).value == n


@given(st.integers(min_value=0, max_value=10**15))
def test_numbers_round_trip_arabic_with_separators(n):
    assert parse_number(f"{n:,}").value == n


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=0, max_value=9999))
def test_numbers_round_trip_wan_groupings_written_apart(high, low):
    text = render(high) + "万" + (("零" + render(low)) if 0 < low < 1000 else render(low) if low else "")
    assert parse_number(text).value == high * 10**4 + low
