"""`gongkai review` commands: complete help, exit statuses, export."""
from __future__ import annotations

from typer.testing import CliRunner

from pipeline.cli.main import app
from pipeline.review import ReviewStore


def test_every_review_command_documents_its_arguments():
    runner = CliRunner()
    for command, words in (("import", ["SOURCE", "--double"]), ("serve", ["--host", "--port", "DB"]),
                           ("export", ["--out"]), ("reviewer", ["NAME"])):
        result = runner.invoke(app, ["review", command, "--help"], terminal_width=200)
        assert result.exit_code == 0
        assert all(word in result.stdout for word in words), command


def test_import_exits_1_when_a_source_fails_and_export_writes_settled_paragraphs(run, tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["review", "import", str(run.db), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1 and "missing.txt" in result.stderr
    token = runner.invoke(app, ["review", "reviewer", str(run.db), "carol"]).stdout.strip()
    assert ReviewStore(run.db).check_login("carol", token) == "carol"
    out = tmp_path / "gold.jsonl"
    result = runner.invoke(app, ["review", "export", str(run.db), "--out", str(out)])
    assert result.exit_code == 0 and out.read_text(encoding="utf-8") == ""


def test_commands_on_a_missing_database_exit_2_with_a_message(tmp_path):
    result = CliRunner().invoke(app, ["review", "export", str(tmp_path / "none.sqlite"), "--out", str(tmp_path / "x")])
    assert result.exit_code == 2 and "not a review database" in result.stderr
    assert isinstance(result.exception, SystemExit)  # a clean exit, not a traceback
