from __future__ import annotations

import io
import json

from pipeline.labels.jsonl import label_jsonl
from pipeline.labels.metrics import evaluate


def test_label_jsonl_writes_one_line_per_input_and_reports_bad_lines(labeler):
    lines = ['{"id": "a", "text": "无。"}', "not json", '{"id": "b"}', '{"id": "c", "text": "x", "heading": null}']
    out, errors = io.StringIO(), io.StringIO()
    failures = label_jsonl(lines, out, name="in.jsonl", errors=errors, labeler=labeler)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["id"] for r in rows] == ["a", "c"]
    assert set(rows[0]) == {"id", "labels", "scores", "provenance", "spans"}
    assert failures == 2
    assert "in.jsonl, line 2" in errors.getvalue() and "E031" in errors.getvalue()


def test_evaluate_counts_multi_label_hits_and_confusions():
    gold = [["issue", "improvement"], ["measure"], ["other"]]
    predicted = [["issue"], ["measure"], ["measure"]]
    result = evaluate(gold, predicted)
    by_label = {s.label: s for s in result.per_label}
    assert by_label["issue"].f1 == 1.0
    assert by_label["improvement"].recall == 0.0
    assert by_label["measure"].precision == 0.5
    assert result.confusion["other"]["measure"] == 1
    assert result.exact == 1 / 3
