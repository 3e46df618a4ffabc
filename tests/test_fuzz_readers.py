"""Malformed and hostile input never crashes or hangs a reader or parser."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import GongkaiError
from pipeline.extract import extract
from pipeline.ingest.html import read_html_text
from pipeline.ingest.load import read_bytes
from pipeline.tables.parse import TableRegion, parse_tables
from pipeline.tables.tokens import tokenize

# Fragments of real table and heading syntax, so generated text reaches deep code paths.
FRAGMENTS = st.sampled_from([
    "一、", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
    "(一)", "(三)不予公开", "1.", "一是", "|", "||", "|||", " | ", "\n", "\n\n", "0", "12", "/", "—", "1 6",
    "本年增15", "184719元", "55(含自然失效29件)", "规章", "行政许可", "总计", "自然人", "结果维持", "<table>", "<tr>",
    "<td rowspan=3>", "</td>", "<br>", "索引号:", "发布日期:2024-01-01", "。", "政府信息公开", "規(guī)章", "\ufffd",
])
TEXTS = st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=60).map("".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXTS)
def test_extract_never_crashes_on_text(text):
    try:
        report = extract(text, name="fuzz.txt", annotate=False)
    except GongkaiError:
        return
    assert report.status in ("ok", "not_a_report")
    for paragraph in report.paragraphs:
        assert 0 <= paragraph.start <= paragraph.end <= len(report.text)


@FAST
@given(st.binary(max_size=2048))
def test_read_bytes_gives_a_document_or_a_coded_error(data):
    try:
        document = read_bytes("fuzz.bin", data)
    except GongkaiError as e:
        assert e.code.startswith("E") and "fuzz.bin" in str(e)
        return
    assert isinstance(document.text, str)


@FAST
@given(TEXTS)
def test_html_reader_survives_broken_markup(text):
    read_html_text("fuzz.html", "<html><body>" + text)


@FAST
@given(TEXTS, st.sampled_from(["active", "applications", "review"]))
def test_table_parser_survives_any_region(text, table):
    for token in tokenize(text, 0, len(text)):
        assert 0 <= token.start <= token.end <= len(text)
    parse_tables(text, [TableRegion(table, 0, len(text))])


def test_deeply_nested_html_does_not_recurse():
    read_html_text("deep.html", "<div>" * 20000 + "政府信息公开" + "</div>" * 20000)
