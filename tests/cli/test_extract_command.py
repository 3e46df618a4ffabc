import json
from importlib.resources import files

import jsonschema
import pytest
from typer.testing import CliRunner

from pipeline.cli.main import app

SCHEMA = json.loads(files("pipeline").joinpath("schema/report.schema.json").read_text(encoding="utf-8"))
REPORT = """某某县审计局2023年政府信息公开工作年度报告
发布机构：某某县审计局
一、总体情况
2023年，本局主动公开政府信息30条。
二、主动公开政府信息情况
第二十条第(一)项 |
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
规章 | 0 | 0 | 0 |
行政规范性文件 | 1 | 0 | 4 |
五、存在的主要问题及改进情况
信息更新不够及时。
"""


@pytest.fixture()
def runner():
    return CliRunner()


def test_extract_writes_one_schema_valid_object_per_file(tmp_path, runner):
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    other = tmp_path / "menu.html"
    other.write_text("<html><body><p>欢迎访问本站</p></body></html>", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(good), str(other)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"] for r in records] == [str(good), str(other)]
    for record in records:
        jsonschema.validate(record, SCHEMA)
    assert records[0]["tables"]["active.normative_documents.in_force"] == 4
    assert records[0]["meta"]["agency"] == "某某县审计局"
    assert records[1]["status"] == "not_a_report"


def test_extract_goes_on_after_an_unreadable_file_and_exits_1(tmp_path, runner):
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    binary = tmp_path / "bad.txt"
    binary.write_bytes(bytes(range(256)) * 50)
    result = runner.invoke(app, ["extract", str(binary), str(tmp_path / "missing.txt"), str(good)])
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["status"] for r in records] == ["failed", "failed", "ok"]
    assert records[0]["error_code"] == "E004" and "bad.txt" in records[0]["error"]
    assert records[1]["error_code"] == "E001"
    for record in records:
        jsonschema.validate(record, SCHEMA)
    assert "bad.txt" in result.stderr


def test_extract_json_array_and_table_formats(tmp_path, runner):
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    as_json = runner.invoke(app, ["extract", str(good), "--format", "json"])
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout)[0]["meta"]["year"] == 2023
    as_table = runner.invoke(app, ["extract", str(good), "--format", "table"])
    assert as_table.exit_code == 0
    assert "某某县审计局" in as_table.stdout and "active.normative_documents.in_force" in as_table.stdout


def test_extract_api_takes_text_paths_and_bytes(tmp_path):
    from pipeline.errors import InputError
    from pipeline.extract import extract

    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="gbk")
    assert extract(path).tables == extract(REPORT).tables == extract(REPORT.encode("gbk")).tables
    with pytest.raises(InputError) as e:
        extract(str(tmp_path / "missing.txt"))
    assert e.value.code == "E001"
