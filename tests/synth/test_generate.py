from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.errors import GongkaiError
from pipeline.synth import generate, write_corpus
from pipeline.synth.corpus import combinations
from pipeline.synth.layout import table_keys


def test_same_seed_gives_same_reports():
    first = [(r.name, r.content, r.expected) for r in generate(40, seed=5)]
    second = [(r.name, r.content, r.expected) for r in generate(40, seed=5)]
    assert first == second


def test_same_seed_gives_same_word_files_and_pdfs():
    first = [r.content for r in generate(4, seed=5, forms=("docx", "pdf"))]
    assert first == [r.content for r in generate(4, seed=5, forms=("docx", "pdf"))]


def test_different_seeds_give_different_reports():
    a = [r.content for r in generate(10, seed=1)]
    b = [r.content for r in generate(10, seed=2)]
    assert all(x != y for x, y in zip(a, b))


def test_every_edition_form_and_layout_is_produced(corpus):
    produced = {(r.expected["meta"]["edition"], r.form, r.expected["layout"]) for r in corpus}
    assert produced == set(combinations(("txt", "html")))


def test_a_handful_of_reports_already_shows_both_forms():
    reports = list(generate(6, seed=0))
    assert {r.form for r in reports} == {"txt", "html"}
    assert {r.expected["meta"]["edition"] for r in reports} == {"2021", "2019", "legacy"}


def test_forms_option_restricts_the_forms():
    assert {r.form for r in generate(20, seed=0, forms=["html"])} == {"html"}


def test_unknown_form_is_refused():
    with pytest.raises(GongkaiError, match="E050"):
        list(generate(1, forms=["rtf"]))


def test_tables_carry_exactly_the_canonical_keys_of_the_edition(corpus):
    for r in corpus:
        edition = r.expected["meta"]["edition"]
        assert list(r.expected["tables"]) == list(table_keys(edition)), r.name
        if edition == "legacy":
            assert r.expected["tables"] == {} and r.expected["checks"] == []


def test_year_matches_edition(corpus):
    for r in corpus:
        meta = r.expected["meta"]
        low, high = {"2021": (2021, 2100), "2019": (2019, 2020), "legacy": (2008, 2018)}[meta["edition"]]
        assert low <= meta["year"] <= high, r.name
        assert str(meta["year"]) in meta["title"]


def test_dates_are_iso_and_published_not_before_written(corpus):
    for r in corpus:
        meta = r.expected["meta"]
        if meta["written_date"] and meta["published_date"]:
            assert meta["written_date"] <= meta["published_date"]
            assert meta["published_date"][:4] == str(meta["year"] + 1)


def test_corpus_mixes_blanks_not_applicable_and_faults(corpus):
    values = [v for r in corpus for v in r.expected["tables"].values()]
    assert None in values
    assert any(r.expected["faults"] for r in corpus)
    assert any(not r.expected["faults"] for r in corpus if r.expected["tables"])


def test_write_corpus_writes_reports_and_expected_json(tmp_path):
    paths = write_corpus(tmp_path, 8, seed=3)
    assert len(paths) == 8 and all(p.exists() for p in paths)
    for path in paths:
        expected = json.loads((tmp_path / "expected" / f"{path.stem}.json").read_text(encoding="utf-8"))
        assert {"meta", "tables", "checks", "sections", "paragraph_count"} <= set(expected)
        assert path.suffix == "." + expected["form"]


def test_bundled_samples_are_what_the_generator_writes(tmp_path):
    samples = Path(__file__).resolve().parents[2] / "corpora" / "samples"
    paths = write_corpus(tmp_path, 6, seed=0)
    for path in paths:
        assert (samples / path.name).read_bytes() == path.read_bytes(), "regenerate: gongkai synth 6 --out corpora/samples --seed 0"
        expected = Path("expected") / f"{path.stem}.json"
        assert (samples / expected).read_bytes() == (tmp_path / expected).read_bytes()
