from pipeline.figures import annotate_report
from pipeline.figures.prose_checks import prose_checks
from pipeline.report import Cell, Meta, Paragraph, Report


def _report(text, cells, kind="prose"):
    paragraph = Paragraph(id="p1", text=text, heading=None, section=None, start=0, end=len(text), kind=kind)
    return Report(source="r.txt", status="ok", text=text, meta=Meta(), paragraphs=[paragraph], cells=cells)


def _cell(key, value, semantics="number"):
    return Cell(key, value, "" if value is None else str(value), semantics)


def _by_rule(report):
    return {c.rule: c for c in report.checks}


def test_prose_checks_fail_when_prose_and_table_disagree():
    report = _report("共收到政府信息公开申请66件。", [_cell("applications.new_received.total", 65.0)])
    annotate_report(report)
    check = _by_rule(report)["prose.applications.new_received.total"]
    assert check.status == "fail"
    assert (check.left, check.right, check.difference) == (66.0, 65.0, 1.0)
    assert check.cells == ("applications.new_received.total",)


def test_prose_checks_pass_a_negated_zero_against_a_blank_cell():
    report = _report("2024年无行政复议。", [_cell("review.reconsideration.total", None, "blank")])
    annotate_report(report)
    assert _by_rule(report)["prose.review.reconsideration.total"].status == "pass"


def test_prose_checks_sum_both_litigation_groups():
    report = _report("因政府信息公开引起行政诉讼3件。", [_cell("review.litigation_direct.total", 1.0),
                                                      _cell("review.litigation_after.total", 2.0)])
    annotate_report(report)
    check = _by_rule(report)["prose.review.litigation.total"]
    assert check.status == "pass"
    assert check.right == 3.0


def test_prose_checks_are_uncertain_for_a_cell_not_applicable():
    report = _report("收到申请5件。", [_cell("applications.new_received.total", None, "not_applicable")])
    annotate_report(report)
    assert _by_rule(report)["prose.applications.new_received.total"].status == "uncertain"


def test_prose_checks_respect_an_approximate_bound():
    report = _report("共收到申请200余件。", [_cell("applications.new_received.total", 230.0)])
    annotate_report(report)
    assert _by_rule(report)["prose.applications.new_received.total"].status == "pass"


def test_prose_checks_skip_reports_without_the_cells():
    report = _report("共收到申请5件。", [])
    annotate_report(report)
    assert prose_checks(report) == []


def test_annotate_report_leaves_non_prose_paragraphs_alone():
    report = _report("收到申请5件。", [], kind="table_caption")
    annotate_report(report)
    assert report.paragraphs[0].figures == []
