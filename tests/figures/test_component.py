import pytest
import spacy

from pipeline.errors import ConfigError
from pipeline.segment import make_nlp


@pytest.fixture(scope="module")
def nlp():
    nlp = make_nlp()
    nlp.add_pipe("gongkai_figures")
    return nlp


def test_component_sets_figures_and_spans(nlp):
    doc = nlp("召开新闻发布会十二场,回应关切二百余次。")
    assert [f.value for f in doc._.figures] == [12, 200]
    assert [span.label_ for span in doc.spans["figures"]] == ["count", "count"]


def test_component_round_trips_through_disk(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["gongkai_figures"]
    assert [f.value for f in loaded("发布信息30条")._.figures] == [30]


def test_component_refuses_a_foreign_save(nlp, tmp_path):
    (tmp_path / "cfg.json").write_text('{"name": "other.v1"}', encoding="utf-8")
    with pytest.raises(ConfigError):
        nlp.get_pipe("gongkai_figures").from_disk(tmp_path)
