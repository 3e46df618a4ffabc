"""PDF reader: paragraphs re-joined, running lines dropped, tables on the grid, hostile files."""
from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from pipeline.errors import InputError, UnprocessableInput
from pipeline.ingest.pdf import PdfLimits, read_pdf

FONT = "STSong-Light"  # reportlab's built-in CID font: no font file needed
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
BODY = ParagraphStyle("body", fontName=FONT, fontSize=12, leading=20, firstLineIndent=24, wordWrap="CJK")
FLAT = ParagraphStyle("flat", parent=BODY, firstLineIndent=0)
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=10, leading=13, wordWrap="CJK")
RUNNING_HEADER = "某某区人民政府办公室文件"
LONG = ("2024年,本局坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻落实《中华人民共和国政府信息公开条例》,"
        "深入推进政务公开标准化规范化建设,全年主动公开政府信息1035条,较上年增长12.5%,"
        "有效保障了人民群众的知情权、参与权和监督权。")
ACTIVE_HEADER = ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]


class FakeBold(Flowable):
    """A line drawn twice, 0.4 pt apart: how some writers fake a bold face."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def wrap(self, available_width, available_height):
        return available_width, 20

    def draw(self):
        self.canv.setFont(FONT, 12)
        for dx in (0, 0.4):
            self.canv.drawString(24 + dx, 5, self.text)


class LetterSpaced(Flowable):
    """A line set with wide character spacing, as centred column headers are."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def wrap(self, available_width, available_height):
        return available_width, 20

    def draw(self):
        text = self.canv.beginText(24, 5)
        text.setFont(FONT, 12)
        text.setCharSpace(8)
        text.textLine(self.text)
        self.canv.drawText(text)


def page_number(pdf_canvas, document) -> None:
    pdf_canvas.saveState()
    pdf_canvas.setFont(FONT, 9)
    pdf_canvas.drawCentredString(A4[0] / 2, 30, f"- {document.page} -")
    pdf_canvas.restoreState()


def running_lines(pdf_canvas, document) -> None:
    page_number(pdf_canvas, document)
    pdf_canvas.saveState()
    pdf_canvas.setFont(FONT, 9)
    pdf_canvas.drawString(72, A4[1] - 40, RUNNING_HEADER)
    pdf_canvas.restoreState()


def pdf_of(story: list, *, running_header: bool = False) -> bytes:
    """Pages numbered ``- n -`` at the foot; with a running header if asked
    (one page alone cannot tell a running header from a title)."""
    buffer = io.BytesIO()
    template = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=72, rightMargin=72, topMargin=72, bottomMargin=72)
    on_page = running_lines if running_header else page_number
    template.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


def ruled_table(rows: list[list[str]], *, spans=(), widths=None, repeat_rows: int = 0) -> Table:
    data = [[Paragraph(cell, CELL) if cell else "" for cell in row] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=repeat_rows)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), *[("SPAN", a, b) for a, b in spans]]))
    return table


def lines_of(story: list) -> list[str]:
    return read_pdf("report.pdf", pdf_of(story)).text.splitlines()


def test_pdf_hard_wrapped_paragraphs_are_rejoined():
    lines = lines_of([Paragraph("一、总体情况", BODY), Paragraph(LONG, BODY), Paragraph(LONG + LONG, BODY)])
    assert lines == ["一、总体情况", LONG, LONG + LONG]


def test_pdf_unindented_paragraphs_break_after_short_lines_and_at_markers():
    lines = lines_of([Paragraph("(一)主动公开情况", FLAT), Paragraph(LONG, FLAT), Paragraph("1.本年新收申请66件。", FLAT)])
    assert lines == ["(一)主动公开情况", LONG, "1.本年新收申请66件。"]


def test_pdf_paragraph_split_by_page_break_is_rejoined():
    # The spacer leaves room for two lines of the paragraph at the foot of page one.
    source = read_pdf("report.pdf", pdf_of([Spacer(0, A4[1] - 144 - 45), Paragraph(LONG + LONG, BODY)], running_header=True))
    assert source.pages == 2
    assert source.text.splitlines() == [LONG + LONG]


def test_pdf_running_headers_and_page_numbers_are_dropped():
    source = read_pdf("report.pdf", pdf_of([Paragraph(LONG * 3, BODY) for _ in range(12)], running_header=True))
    assert source.pages >= 3
    assert RUNNING_HEADER not in source.text
    assert "- 2 -" not in source.text and "- 1 -" not in source.text
    assert source.text.splitlines() == [LONG * 3] * 12


def test_pdf_table_spanning_pages_is_joined_without_repeated_header():
    rows = [["第二十条第(一)项", "", "", ""], ACTIVE_HEADER] + [[f"规章{i}", str(i), "0", str(2 * i)] for i in range(60)]
    source = read_pdf("report.pdf", pdf_of([
        Paragraph(LONG, BODY), ruled_table(rows, spans=[((0, 0), (3, 0))], repeat_rows=2), Paragraph(LONG, BODY),
    ], running_header=True))
    assert source.pages >= 2
    assert source.text.splitlines() == [
        LONG,
        "第二十条第(一)项 |  |  |  |",
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
        *[f"规章{i} | {i} | 0 | {2 * i} |" for i in range(60)],
        LONG,
    ]


def test_pdf_vertical_label_spelled_down_a_narrow_cell_becomes_one_word():
    rows = [["三、本年度办理结果", "(一)予以公开", "3"], ["", "(二)部分公开", "0"], ["", "(三)不予公开", "1"]]
    lines = lines_of([ruled_table(rows, spans=[((0, 0), (0, 2))], widths=[24, 200, 60])])
    assert lines == ["三、本年度办理结果 | (一)予以公开 | 3 |", " | (二)部分公开 | 0 |", " | (三)不予公开 | 1 |"]


def test_pdf_spaces_inside_chinese_headers_are_removed():
    rows = [["自然人", "商 业 企 业", "科 研 机 构"], ["1", "2", "3"]]
    lines = lines_of([LetterSpaced("申请人情况"), ruled_table(rows)])
    assert lines == ["申请人情况", "自然人 | 商业企业 | 科研机构 |", "1 | 2 | 3 |"]


def test_pdf_fake_bold_duplicate_characters_are_dropped():
    assert lines_of([FakeBold("(一)主动公开情况"), Paragraph(LONG, BODY)]) == ["(一)主动公开情况", LONG]


def test_pdf_number_in_body_is_not_mistaken_for_a_page_number():
    assert lines_of([Paragraph(LONG, BODY), Paragraph("2024", BODY), Paragraph(LONG, BODY)]) == [LONG, "2024", LONG]


def test_pdf_reader_names_its_form_and_pages():
    source = read_pdf("report.pdf", pdf_of([Paragraph(LONG, BODY)]))
    assert (source.form, source.pages, source.path) == ("pdf", 1, "report.pdf")


def drawing_only_pdf(pages: int = 2) -> bytes:
    buffer = io.BytesIO()
    pdf_canvas = canvas.Canvas(buffer)
    for _ in range(pages):
        pdf_canvas.rect(100, 100, 300, 400, fill=1)
        pdf_canvas.showPage()
    pdf_canvas.save()
    return buffer.getvalue()


def test_pdf_without_text_layer_needs_ocr():
    with pytest.raises(UnprocessableInput) as caught:
        read_pdf("scan.pdf", drawing_only_pdf())
    assert caught.value.status == "needs_ocr" and caught.value.code == "E012"


def latin_pdf(**options) -> bytes:
    buffer = io.BytesIO()
    pdf_canvas = canvas.Canvas(buffer, **options)
    pdf_canvas.drawString(72, 700, "Annual report 2024")
    pdf_canvas.showPage()
    pdf_canvas.save()
    return buffer.getvalue()


def read_error(data: bytes, **limits) -> InputError:
    with pytest.raises(InputError) as caught:
        read_pdf("hostile.pdf", data, limits=PdfLimits(**limits))
    return caught.value


def test_pdf_encrypted_with_user_password_is_an_input_error():
    error = read_error(latin_pdf(encrypt=StandardEncryption("secret", ownerPassword="owner")))
    assert error.code == "E011" and "encrypted with a password" in str(error)


def test_pdf_with_owner_password_only_is_read():
    # Many agencies lock copying with an owner password; anyone may open the file.
    data = latin_pdf(encrypt=StandardEncryption("", ownerPassword="owner", canCopy=0))
    assert read_pdf("locked.pdf", data).text == "Annual report 2024\n"


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 16, b"%PDF-1.4\n" + bytes(range(256)) * 16],
    ids=["random", "pdf-magic-then-garbage"],
)
def test_garbage_named_pdf_is_an_input_error(data):
    assert read_error(data).code == "E011"


def test_truncated_pdf_gives_text_or_an_input_error():
    data = pdf_of([Paragraph(LONG, BODY) for _ in range(30)])
    try:
        source = read_pdf("truncated.pdf", data[: len(data) // 2])
    except InputError as e:
        assert e.code in ("E011", "E012")
    else:
        assert LONG in source.text


def thousands_of_pages(count: int) -> bytes:
    buffer = io.BytesIO()
    pdf_canvas = canvas.Canvas(buffer)
    for number in range(count):
        pdf_canvas.drawString(72, 700, f"page {number}")
        pdf_canvas.showPage()
    pdf_canvas.save()
    return buffer.getvalue()


def test_pdf_with_thousands_of_pages_is_refused_within_bounds(run_bounded):
    outcome = run_bounded(read_pdf, "huge.pdf", thousands_of_pages(5_000), seconds=120, memory_mb=1536)
    assert outcome[:2] == ("InputError", "E011") and "5000 pages (limit 2000)" in outcome[2]


def test_pdf_reading_stops_at_the_time_limit():
    assert read_error(pdf_of([Paragraph(LONG, BODY)]), max_seconds=0.0).code == "E014"


def test_pdf_larger_than_the_limit_is_refused_unread():
    assert read_error(latin_pdf(), max_bytes=100).code == "E008"
