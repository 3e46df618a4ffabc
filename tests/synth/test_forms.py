from __future__ import annotations

import io
import re

import docx
import pdfplumber
import pypdfium2
from lxml import html as lxml_html
from opencc import OpenCC

from pipeline.synth import generate

SIMPLIFY = OpenCC("t2s")


def _simplified(report) -> str:
    text = report.text
    return SIMPLIFY.convert(text) if report.expected["script"] == "traditional" else text


def test_content_decodes_with_its_declared_encoding(corpus):
    encodings = {r.encoding for r in corpus}
    assert {"utf-8", "utf-8-sig", "gbk", "gb18030"} <= encodings
    for r in corpus:
        text = r.content.decode(r.encoding)
        assert r.expected["encoding"] == r.encoding
        assert r.content.startswith(b"\xef\xbb\xbf") == (r.encoding == "utf-8-sig")
        assert "\ufeff" not in text


def test_gbk_and_traditional_variants_round_trip(corpus):
    variants = [r for r in corpus if r.encoding in ("gbk", "gb18030") or r.expected["script"] == "traditional"]
    assert any(r.expected["script"] == "traditional" for r in variants)
    for r in variants:
        assert r.text.encode(r.encoding) == r.content
        simplified = _simplified(r)
        assert r.expected["meta"]["agency"] in simplified, r.name
        for section in r.expected["sections"]:
            assert section["heading"] in simplified, (r.name, section)


def test_traditional_reports_are_written_in_traditional_characters(corpus):
    for r in corpus:
        if r.expected["script"] == "traditional":
            assert "政府信息公開" in r.text and "政府信息公开" not in r.text, r.name


def test_html_tables_are_rectangular_once_spans_are_expanded(corpus):
    pages = [r for r in corpus if r.form == "html" and r.expected["tables"]]
    assert pages
    for r in pages:
        tree = lxml_html.fromstring(r.content)
        tables = tree.xpath("//table[@border]")
        assert len(tables) == 3
        assert tree.xpath("//td[@rowspan]") and tree.xpath("//td[@colspan]")
        for table in tables:
            widths = _grid_widths(table)
            assert len(set(widths)) == 1, (r.name, widths)


def _grid_widths(table) -> list[int]:
    carried: dict[int, int] = {}  # column -> rows still covered by a rowspan
    widths = []
    for tr in table.xpath(".//tr"):
        col = 0
        for td in tr.xpath("./td"):
            while carried.get(col):
                carried[col] -= 1
                col += 1
            span = int(td.get("colspan", 1))
            for c in range(col, col + span):
                carried[c] = int(td.get("rowspan", 1)) - 1
            col += span
        while carried.get(col):
            carried[col] -= 1
            col += 1
        widths.append(col)
    return widths


def test_html_pages_carry_navigation_chrome(corpus):
    for r in corpus:
        if r.form == "html":
            page = _simplified(r)
            assert "网站标识码" in page and "ICP备" in page and "当前位置" in page


def test_pdf_text_wraps_prose_and_has_page_footers(corpus):
    pdfs = [r for r in corpus if r.expected["layout"] == "pdf_text"]
    assert pdfs
    for r in pdfs:
        lines = r.text.splitlines()
        assert any(re.fullmatch(r"[—-] ?\d+ ?[—-]", line) for line in lines), r.name
        assert max(len(line) for line in lines if "|" not in line and " " not in line) <= 40


def test_pdf_text_spells_narrow_column_headers_one_character_per_line(corpus):
    for r in corpus:
        if r.expected["layout"] == "pdf_text" and r.expected["tables"]:
            single = [line for line in r.text.splitlines() if re.fullmatch(r"[\u4e00-\u9fff]", line)]
            assert len(single) >= 20, r.name


def test_cell_lines_mark_blank_cells_and_spans_with_pipes(corpus):
    reports = [r for r in corpus if r.expected["layout"] == "cell_lines" and r.expected["tables"]]
    assert reports
    for r in reports:
        lines = r.text.splitlines()
        assert "|||" in lines
        assert all(line.endswith("|") for line in lines[lines.index("|||") - 1:][:20])
    blanks = [r for r in reports if None in r.expected["tables"].values()]
    assert any("|" in r.text.splitlines() for r in blanks)


def test_pipe_rows_print_the_group_label_as_a_leading_cell(corpus):
    for r in corpus:
        if r.expected["layout"] == "pipe_rows" and r.expected["tables"]:
            assert re.search(r"^三、本年度[办辦]理[结結]果 \| \(一\)予以公[开開] \|", r.text, re.M), r.name


def test_prose_is_varied_across_reports(corpus):
    preambles = set()
    for r in corpus:
        text = _simplified(r)
        start = text.find("《中华人民共和国政府信息公开条例》")
        preambles.add(text[start:start + 120])
    assert len(preambles) > len(corpus) * 0.6


def test_full_width_digit_variant_occurs(corpus):
    assert any(r.expected["full_width_digits"] and re.search("[０-９]", r.text) for r in corpus)


def test_word_tables_merge_cells_the_way_word_does():
    reports = [r for r in generate(6, seed=3, forms=("docx",)) if r.expected["tables"]]
    assert reports
    for r in reports:
        body = docx.Document(io.BytesIO(r.content)).element.body.xml
        assert "<w:vMerge" in body and "<w:gridSpan" in body, r.name


def test_some_word_files_number_their_headings_as_word_lists():
    numbered = []
    for r in generate(8, seed=3, forms=("docx",)):
        paragraphs = docx.Document(io.BytesIO(r.content)).paragraphs
        listed = [p for p in paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
        if listed:
            numbered.append(r)
            # the label lives in numbering.xml, not in the text
            assert not any(p.text.startswith(("一、", "(一)", "（一）")) for p in listed), r.name
    assert 0 < len(numbered) < 8


def test_pdf_tables_are_ruled_and_set_in_a_cjk_font():
    reports = [r for r in generate(6, seed=3, forms=("pdf",)) if r.expected["tables"]]
    assert reports
    for r in reports:
        with pdfplumber.open(io.BytesIO(r.content)) as pdf:
            assert any(page.extract_tables() for page in pdf.pages), r.name
            # reportlab's STSong-Light is the Adobe-GB1 face STSongStd-Light
            assert {c["fontname"] for c in pdf.pages[0].chars} == {"STSongStd-Light"}, r.name


def test_traditional_word_files_and_pdfs_are_written_in_traditional_characters():
    reports = [r for r in generate(40, seed=3, forms=("docx", "pdf")) if r.expected["script"] == "traditional"]
    assert {r.form for r in reports} == {"docx", "pdf"}
    for r in reports:
        text = _binary_text(r)
        assert "政府信息公開" in text and "政府信息公开" not in text, r.name


def _binary_text(report) -> str:
    if report.form == "docx":
        return "".join(docx.Document(io.BytesIO(report.content)).element.body.itertext())
    pdf = pypdfium2.PdfDocument(report.content)
    return "".join(page.get_textpage().get_text_range() for page in pdf)
