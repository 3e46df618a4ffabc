import codecs

import pytest

from pipeline.errors import InputError
from pipeline.ingest.load import read_bytes, read_path
from pipeline.normalize import is_traditional, normalize

REPORT = "某某县统计局2023年政府信息公开工作年度报告\n一、总体情况\n2023年，本局主动公开政府信息３０条。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_read_detects_encodings(encoding):
    data = REPORT.encode(encoding)
    document = read_bytes("r.txt", data)
    assert document.text == REPORT
    assert document.form == "txt"


def test_read_reports_the_gbk_encoding_it_used():
    assert read_bytes("r.txt", REPORT.encode("gbk")).encoding == "gb18030"
    assert read_bytes("r.txt", codecs.BOM_UTF8 + REPORT.encode()).encoding == "utf-8-sig"


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"", "E003"), (b"   \n\n", "E003"), (bytes(range(256)) * 20, "E004"), (b"\x00\x01\x02abc" * 100, "E004")],
    ids=["empty", "whitespace", "binary", "nul-bytes"],
)
def test_read_rejects_garbage_with_a_coded_error_naming_the_file(data, code):
    with pytest.raises(InputError) as e:
        read_bytes("bad.txt", data)
    assert e.value.code == code
    assert "bad.txt" in str(e.value)


def test_read_path_names_missing_files(tmp_path):
    with pytest.raises(InputError) as e:
        read_path(tmp_path / "nope.txt")
    assert e.value.code == "E001" and "nope.txt" in str(e.value)


def test_html_drops_chrome_keeps_paragraphs_and_tables():
    page = """<!DOCTYPE html><html><head><title>t</title><script>var x='一、总体情况';</script></head><body>
    <ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/hd">互动交流</a></li></ul>
    <div class="content"><p>一、总体情况</p><p>本局主动公开信息<br>共30条。</p>
    <table><tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">(一)予以公开</td><td>1</td><td>2</td></tr>
    <tr><td>(二)部分公开</td><td></td><td>0</td></tr></table></div>
    <div class="footer"><a href="/a">网站地图</a> <a href="/b">联系我们</a></div></body></html>"""
    document = read_bytes("p.html", page.encode())
    assert document.form == "html"
    lines = document.text.split("\n")
    assert "首页" not in document.text and "var x" not in document.text and "网站地图" not in document.text
    assert lines[:3] == ["一、总体情况", "本局主动公开信息", "共30条。"]
    assert "三、本年度办理结果 | (一)予以公开 | 1 | 2 |" in lines
    assert "(二)部分公开 | | 0 |" in lines


def test_html_truncated_page_still_reads():
    document = read_bytes("t.html", "<html><body><p>一、总体情况</p><table><tr><td>规章</td><td>3".encode())
    assert "一、总体情况" in document.text and "规章 | 3 |" in document.text


def test_normalize_keeps_length_and_folds_forms():
    text = "總體情況（一）１２３，規章"
    assert is_traditional(text)
    folded = normalize(text, traditional=True)
    assert len(folded) == len(text)
    assert folded == "总体情况(一)123,规章"
    assert not is_traditional("总体情况")
