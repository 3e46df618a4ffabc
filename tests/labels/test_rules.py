from __future__ import annotations

import json

import pytest

from pipeline.configs import load_jsonl
from pipeline.labels.rules import HEADING_RULES, LEXICAL_RULES, RuleSet
from pipeline.labels.settings import load_settings
from pipeline.labels.text import fold

from .conftest import CASES

RULE_CASES = [json.loads(line) for line in (CASES / "rule_cases.jsonl").read_text(encoding="utf-8").splitlines()]


def test_rule_files_load_with_ids_weights_and_reasons():
    rules = RuleSet.from_configs()
    raw = load_jsonl(*HEADING_RULES) + load_jsonl(*LEXICAL_RULES)
    assert len(rules.rules) == len(raw)
    assert all(rule.reason and rule.weight != 0 for rule in rules.rules)


def test_settings_thresholds_cover_every_label():
    settings = load_settings()
    assert set(settings.thresholds) == set(settings.labels)


@pytest.mark.parametrize("case", RULE_CASES, ids=[c["text"][:12] for c in RULE_CASES])
def test_rules_fire_on_their_cues(case):
    rules = RuleSet.from_configs()
    heading = fold(case["heading"]) if case["heading"] else ""
    fired = {hit.rule for hit in rules.heading_hits(heading) + rules.text_hits(fold(case["text"]), has_heading=bool(heading))}
    assert set(case["fires"]) <= fired
    assert not set(case["silent"]) & fired
