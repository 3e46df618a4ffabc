"""The product against the real excerpts in ../shared (skipped where it is absent)."""
from __future__ import annotations

import pytest

from pipeline.extract import extract
from tests.conftest import read_jsonl

SAMPLE = "000_40523efafb065443.txt"


@pytest.fixture(scope="module")
def sample(shared):
    return extract(shared / "corpora" / SAMPLE, annotate=False)


def test_sample_report_metadata(sample):
    meta = sample.meta
    assert meta.agency == "河东区中小企业发展服务中心"
    assert meta.year == 2024
    assert meta.title == "河东区中小企业发展服务中心2024年政府信息公开工作年度报告"
    assert (meta.written_date, meta.published_date) == ("2025-01-24", "2025-01-24")
    assert meta.index_number == "hedongquhd0217/2025-0000003"
    assert meta.edition == "2021"


def test_sample_report_section_tree(sample):
    parts = [s.heading for s in sample.sections if s.level == 1]
    assert parts == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    ]
    problems = next(s for s in sample.sections if s.heading == "(一)存在的主要问题")
    assert problems.path == ("五、存在的主要问题及改进情况", "(一)存在的主要问题")
    assert sum(1 for s in sample.sections if s.level == 2) == 11


def test_sample_report_paragraphs_carry_heading_and_offsets(sample):
    prose = [p for p in sample.paragraphs if p.kind == "prose"]
    assert len(prose) == 16
    issue = next(p for p in prose if p.text.startswith("一是对《中华人民共和国政府信息公开条例》"))
    assert issue.heading == "五、存在的主要问题及改进情况 / (一)存在的主要问题"
    assert sample.text[issue.start:issue.end] == issue.text
    assert not any("|" in p.text for p in sample.paragraphs if p.kind == "prose")


def test_sample_report_tables_and_checks(sample):
    tables = sample.tables
    assert len(tables) == 200
    assert all(value == 0 for value in tables.values())
    assert not sample.extra_rows
    assert len(sample.checks) == 42
    assert all(c.status == "pass" for c in sample.checks)


def test_dev_tables_cell_accuracy_and_findings(shared):
    gold = read_jsonl(shared / "corpora" / "tables-dev.jsonl")
    cells = correct = 0
    wrong_findings = []
    for g in gold:
        report = extract(g["text"], name=g["id"], annotate=False)
        for key, value in g["tables"].items():
            cells += 1
            got = report.tables.get(key)
            correct += got is not None and abs(got - value) < 1e-9
        failed = {c.rule for c in report.checks if c.status == "fail"}
        if failed != set(g.get("failed_checks", [])):
            wrong_findings.append((g["id"], failed))
        assert report.meta.edition == g["edition"], g["id"]
    assert correct / cells >= 0.99
    assert not wrong_findings
