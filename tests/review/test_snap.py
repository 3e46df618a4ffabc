"""Selections snap to whole Chinese quantities, with code-point offsets (cases in cases/snap.jsonl)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.errors import ReviewError
from pipeline.review.snap import snap

CASES = [json.loads(line) for line in (Path(__file__).parent / "cases" / "snap.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("case", CASES, ids=[c["selected"] + "→" + c["snapped"] for c in CASES])
def test_selection_snaps_to_the_whole_quantity(case):
    text = case["text"]
    start = text.index(case["selected"])
    figure = snap(text, start, start + len(case["selected"]))
    assert text[figure.start:figure.end] == figure.text == case["snapped"]
    assert (figure.value, figure.unit, figure.approx) == (case["value"], case["unit"], case["approx"])


def test_a_selection_outside_the_paragraph_is_a_bad_request():
    with pytest.raises(ReviewError) as e:
        snap("发布信息30条。", 3, 40)
    assert e.value.status == 400
