"""DOCX reader: document order, merged cells, numbering, split tables, hostile files."""
from __future__ import annotations

import copy
import io
import zipfile

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml

from pipeline.errors import InputError
from pipeline.ingest.docx import DocxLimits, read_docx

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
ACTIVE_HEADER = ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]


def saved(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def text_of(document: docx.document.Document) -> str:
    return read_docx("report.docx", saved(document)).text


def lines_of(document: docx.document.Document) -> list[str]:
    return text_of(document).splitlines()


def fill(table, rows: list[list[str]]) -> None:
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value:
                table.cell(r, c).text = value


def add_chinese_numbering(document: docx.document.Document) -> str:
    """A two-level list numbered 一、 / (一); returns its numId."""
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {W_NS} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="(%2)"/></w:lvl>'
        '</w:abstractNum>'
    ))
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def numbered(paragraph, num_id: str, level: int) -> None:
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    ))


def test_docx_paragraphs_and_tables_come_out_in_document_order():
    document = docx.Document()
    document.add_paragraph("二、主动公开政府信息情况")
    fill(document.add_table(rows=2, cols=4), [ACTIVE_HEADER, ["规章", "0", "1", "2"]])
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    assert lines_of(document) == [
        "二、主动公开政府信息情况",
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
        "规章 | 0 | 1 | 2 |",
        "三、收到和处理政府信息公开申请情况",
    ]


def test_docx_headers_and_footers_are_left_out():
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "某某区人民政府办公室"
    document.sections[0].footer.paragraphs[0].text = "第 1 页"
    document.add_paragraph("一、总体情况")
    assert lines_of(document) == ["一、总体情况"]


def test_docx_horizontal_merge_keeps_columns_aligned():
    document = docx.Document()
    table = document.add_table(rows=2, cols=4)
    table.cell(0, 0).merge(table.cell(0, 3)).text = "第二十条第(一)项"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "行政许可"
    table.cell(1, 2).text = "2468"
    assert lines_of(document) == ["第二十条第(一)项 |  |  |  |", "行政许可 |  | 2468 |  |"]


def test_docx_vertical_merge_label_appears_in_first_row_only():
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(2, 0)).text = "三、本年度办理结果"
    fill(table, [["", "(一)予以公开", "4"], ["", "(二)部分公开", "0"], ["", "(三)不予公开", "1"]])
    assert lines_of(document) == [
        "三、本年度办理结果 | (一)予以公开 | 4 |",
        " | (二)部分公开 | 0 |",
        " | (三)不予公开 | 1 |",
    ]


def test_docx_cell_line_breaks_and_letter_spacing_are_removed():
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    table.cell(0, 0).text = "三、本年\n度办\n理结\n果"
    table.cell(0, 1).text = "商 业 企 业"
    cell = table.cell(0, 2)
    cell.text = "科研"
    cell.add_paragraph("机构")
    assert lines_of(document) == ["三、本年度办理结果 | 商业企业 | 科研机构 |"]


def test_docx_automatic_numbering_is_spelled_into_headings():
    document = docx.Document()
    num_id = add_chinese_numbering(document)
    for text, level in [("总体情况", 0), ("主动公开情况", 1), ("依申请公开情况", 1), ("主动公开政府信息情况", 0), ("规章", 1)]:
        numbered(document.add_paragraph(text), num_id, level)
    assert lines_of(document) == [
        "一、总体情况", "(一)主动公开情况", "(二)依申请公开情况", "二、主动公开政府信息情况", "(一)规章",
    ]


def test_docx_numbering_counts_past_ten_in_chinese():
    document = docx.Document()
    num_id = add_chinese_numbering(document)
    for i in range(12):
        numbered(document.add_paragraph(f"第{i + 1}项"), num_id, 0)
    assert lines_of(document)[9:] == ["十、第10项", "十一、第11项", "十二、第12项"]


def test_docx_table_split_at_page_break_is_joined_without_repeated_header():
    document = docx.Document()
    fill(document.add_table(rows=2, cols=4), [ACTIVE_HEADER, ["规章", "0", "0", "0"]])
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    fill(document.add_table(rows=2, cols=4), [ACTIVE_HEADER, ["行政规范性文件", "1", "2", "3"]])
    assert lines_of(document) == [
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
        "规章 | 0 | 0 | 0 |",
        "行政规范性文件 | 1 | 2 | 3 |",
    ]


def test_docx_tables_separated_by_text_stay_apart():
    document = docx.Document()
    fill(document.add_table(rows=1, cols=2), [["行政许可", "5"]])
    document.add_paragraph("说明:以上数据截至12月31日。")
    fill(document.add_table(rows=1, cols=2), [["行政许可", "5"]])
    assert lines_of(document) == ["行政许可 | 5 |", "说明:以上数据截至12月31日。", "行政许可 | 5 |"]


def test_docx_deleted_revision_text_is_left_out():
    document = docx.Document()
    paragraph = document.add_paragraph("共收到申请")
    paragraph._p.append(parse_xml(f'<w:del {W_NS} w:id="1" w:author="a"><w:r><w:delText>99</w:delText></w:r></w:del>'))
    paragraph._p.append(parse_xml(f'<w:ins {W_NS} w:id="2" w:author="a"><w:r><w:t>66</w:t></w:r></w:ins>'))
    paragraph.add_run("件。")
    assert lines_of(document) == ["共收到申请66件。"]


def test_docx_reader_names_its_form():
    document = docx.Document()
    document.add_paragraph("一、总体情况")
    source = read_docx("report.docx", saved(document))
    assert (source.form, source.path) == ("docx", "report.docx")


def read_error(data: bytes, **limits: int) -> InputError:
    with pytest.raises(InputError) as caught:
        read_docx("hostile.docx", data, limits=DocxLimits(**limits))
    return caught.value


def test_random_bytes_named_docx_are_an_input_error():
    error = read_error(bytes(range(256)) * 64)
    assert error.code == "E010" and "not a zip archive" in str(error)


def test_ole_file_named_docx_says_what_it_is():
    # A .doc (or a password-protected .docx) is an OLE2 compound file.
    error = read_error(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))
    assert error.code == "E010" and "content is ole" in str(error)


def test_zip_without_word_part_is_an_input_error():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert read_error(buffer.getvalue()).code == "E010"


def zip_bomb(megabytes: int) -> bytes:
    """A docx-shaped archive whose document part inflates to ``megabytes`` of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as part:
            chunk = b"\0" * (1 << 20)
            for _ in range(megabytes):
                part.write(chunk)
    return buffer.getvalue()


def test_zip_bomb_is_refused_before_inflating(run_bounded):
    bomb = zip_bomb(400)
    assert len(bomb) < 1_000_000
    outcome = run_bounded(read_docx, "bomb.docx", bomb, seconds=120, memory_mb=1024)
    assert outcome[:2] == ("InputError", "E010") and "zip bomb" in outcome[2]


def test_zip_bomb_under_total_limit_is_refused_by_ratio():
    error = read_error(zip_bomb(20), max_uncompressed_bytes=10**9)
    assert "inflates" in str(error) and "fold" in str(error)


def huge_table_docx(rows: int) -> bytes:
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    fill(table, [["0", "1", "2"]])
    template = table.rows[0]._tr
    for _ in range(rows - 1):
        table._tbl.append(copy.deepcopy(template))
    return saved(document)


def test_docx_with_ten_thousand_row_table_gives_clear_error_quickly(run_bounded):
    data = huge_table_docx(10_000)
    outcome = run_bounded(read_docx, "big.docx", data, seconds=120, memory_mb=1536)
    assert outcome[:2] == ("InputError", "E010") and "more than 5000 rows" in outcome[2]


def test_docx_table_within_row_limit_is_read_in_full():
    lines = read_docx("big.docx", huge_table_docx(300)).text.splitlines()
    assert len(lines) == 300 and lines[-1] == "0 | 1 | 2 |"


def test_oversized_xml_part_is_refused_before_parsing():
    error = read_error(zip_bomb(40), max_ratio=10**6)
    assert "word/document.xml inflates to" in str(error)
