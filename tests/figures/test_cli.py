import io
import json

from typer.testing import CliRunner

from pipeline.cli.main import app
from pipeline.figures.jsonl import figures_jsonl


def test_figures_jsonl_writes_one_line_per_input_line():
    out, err = io.StringIO(), io.StringIO()
    lines = ['{"id": "a", "text": "发布信息30条。"}\n', "\n", '{"id": "b", "text": "无数字。"}\n']
    assert figures_jsonl(lines, out, name="in.jsonl", errors=err) == 0
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"]
    assert rows[0]["figures"][0]["value"] == 30
    assert rows[1]["figures"] == []


def test_figures_jsonl_reports_bad_lines_with_file_and_line_and_goes_on():
    out, err = io.StringIO(), io.StringIO()
    lines = ['{"id": "a", "text": "发布信息30条。"}\n', "not json\n", '{"id": "c"}\n', '{"id": "d", "text": "1次"}\n']
    assert figures_jsonl(lines, out, name="in.jsonl", errors=err) == 2
    assert "in.jsonl, line 2" in err.getvalue()
    assert "in.jsonl, line 3: missing field 'text'" in err.getvalue()
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == ["a", "d"]


def test_figures_command_exits_non_zero_only_when_a_line_failed(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text('{"id": 1, "text": "召开新闻发布会十二场"}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["figures", str(good)])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["figures"][0]["value"] == 12
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "召开新闻发布会十二场"}\n{oops\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["figures", str(bad)])
    assert result.exit_code == 1


def test_figures_command_reads_standard_input():
    result = CliRunner().invoke(app, ["figures", "-"], input='{"id": "x", "text": "收费120元"}\n')
    assert result.exit_code == 0
    assert json.loads(result.stdout)["figures"][0]["unit"] == "元"


def test_figures_command_help_describes_the_output():
    result = CliRunner().invoke(app, ["figures", "--help"])
    assert result.exit_code == 0
    assert "negated" in result.stdout
