from __future__ import annotations

import json

import pytest
import spacy

from pipeline.labels import label_paragraphs, label_texts
from pipeline.report import Paragraph

from .conftest import CASES

LABEL_CASES = [json.loads(line) for line in (CASES / "label_cases.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("case", LABEL_CASES, ids=[c["why"] for c in LABEL_CASES])
def test_labeler_follows_guideline_cases(labeler, case):
    decision = label_texts([(case["text"], case["heading"])], labeler=labeler)[0]
    assert list(decision.labels) == case["labels"]


def test_every_label_carries_provenance_and_a_confidence(labeler):
    for case in LABEL_CASES:
        decision = label_texts([(case["text"], case["heading"])], labeler=labeler)[0]
        assert set(decision.provenance) == set(decision.labels)
        for carried in decision.provenance.values():
            assert carried and all(p.startswith(("model", "rule:")) for p in carried)
        assert all(0.0 <= score <= 1.0 for score in decision.scores.values())


def test_mixed_legacy_paragraph_gets_separate_problem_and_remedy_spans(labeler):
    text = LABEL_CASES[0]["text"]
    decision = label_texts([(text, None)], labeler=labeler)[0]
    first_sentence_end = text.index("。") + 1
    assert decision.spans["issue"] == ((0, first_sentence_end),)
    assert decision.spans["improvement"][0][0] == first_sentence_end


def test_label_paragraphs_labels_prose_only(labeler):
    prose = Paragraph(id="p1", text="无。", heading=None, section=None, start=0, end=2)
    caption = Paragraph(id="p2", text="表1", heading=None, section=None, start=3, end=5, kind="table_caption")
    label_paragraphs([prose, caption], labeler=labeler)
    assert prose.labels is not None and prose.labels.labels == ("other",)
    assert caption.labels is None


def test_heading_changes_the_decision_for_a_bare_fragment(labeler):
    fragment = "台,协助公共企事业单位在各单位公共位置设置信息公开专区。"
    with_heading = label_texts([(fragment, "六、其他需要报告的事项 / (四)政务公开工作创新情况")], labeler=labeler)[0]
    assert "innovation" in with_heading.labels


def test_spacy_component_labels_docs_and_round_trips_to_disk(labeler, tmp_path):
    nlp = spacy.blank("en")
    component = nlp.add_pipe("gongkai_labeler")
    doc = nlp.make_doc("工作中还存在宣传力度不够等问题。下一步,我们将加强宣传。")
    doc = component(doc)
    assert doc._.gongkai_labels.labels == ("issue", "improvement")
    assert {span.label_ for span in doc.spans["gongkai_labels"]} == {"issue", "improvement"}
    nlp.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    again = reloaded(doc.text)
    assert again.cats == doc.cats
