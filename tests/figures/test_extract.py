import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.figures import find_figures

CASES = [json.loads(line) for line in (Path(__file__).parent / "cases" / "sentences.jsonl").read_text("utf-8").splitlines()
         if line.strip()]


@pytest.mark.parametrize("case", CASES, ids=[c["note"] for c in CASES])
def test_extract_finds_the_expected_figures(case):
    found = find_figures(case["text"])
    assert len(found) == len(case["figures"]), [f.text for f in found]
    for figure, expected in zip(found, case["figures"]):
        assert case["text"][figure.start:figure.end] == figure.text
        for field, value in expected.items():
            assert getattr(figure, field) == value, (field, figure)


def test_extract_names_the_rule_that_found_each_figure():
    rules = [f.rule for f in find_figures("发布信息30条,依申请公开1,无行政复议。")]
    assert rules == ["unit.tiao", "bare.arabic", "negation.zero"]


def test_extract_shares_the_item_within_an_enumeration():
    figures = find_figures("2020年,我局公开信息687条,其中主动公开668条。")
    assert [f.item for f in figures] == ["信息", "信息"]
    assert figures[1].action == "主动公开"


def test_extract_uses_the_previous_item_for_a_share():
    figures = find_figures("无法提供5件,占29.4%;")
    assert figures[1].item == figures[0].item
    assert figures[1].action == "占"


chinese_text = st.text(alphabet=st.sampled_from(list("一二三四五六七八九十百千万亿两零〇余多条件次场个%元万年月日第号无未收到申请行政复议,。、;:()《》“”0123456789.-至约近 ")),
                       max_size=80)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), chinese_text))
def test_extract_never_crashes_on_random_text(text):
    for figure in find_figures(text):
        assert 0 <= figure.start < figure.end <= len(text)
        assert text[figure.start:figure.end] == figure.text
        assert figure.kind in {"count", "money", "percent", "duration", "ratio", "other"}
