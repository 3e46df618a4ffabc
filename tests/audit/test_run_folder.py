"""gongkai audit and gongkai report on a batch run folder: idempotent writes, CLI, HTML in Chromium."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.audit import audit_run, write_report
from pipeline.cli.main import app

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOT = Path(__file__).parent / "screenshots" / "report.png"


def _snapshot(run_dir: Path) -> tuple:
    con = duckdb.connect(str(run_dir / "gongkai.duckdb"), read_only=True)
    try:
        checks = con.sql("SELECT * FROM checks ORDER BY report_id, rule, message").df()
        indicators = con.sql("SELECT * FROM indicators ORDER BY report_id, indicator").df()
    finally:
        con.close()
    parquet = pd.read_parquet(run_dir / "checks").drop(columns="year")
    return checks, indicators, parquet.sort_values(["report_id", "rule", "message"]).reset_index(drop=True)


def test_audit_twice_gives_the_same_tables_and_keeps_the_batch_rows(batch_run, tmp_path):
    run_dir = tmp_path / "run"
    shutil.copytree(batch_run[0], run_dir)
    con = duckdb.connect(str(run_dir / "gongkai.duckdb"), read_only=True)
    before = con.execute("SELECT count(*) FROM checks WHERE rule NOT LIKE 'audit.%'").fetchall()[0][0]
    con.close()
    audit_run(run_dir)
    first = _snapshot(run_dir)
    audit_run(run_dir)
    second = _snapshot(run_dir)
    for a, b in zip(first, second):
        pd.testing.assert_frame_equal(a, b)
    checks = first[0]
    assert (~checks["rule"].str.startswith("audit.")).sum() == before
    assert len(first[2]) == len(checks)  # Parquet and DuckDB hold the same rows


def test_cli_audit_and_report_write_their_outputs(batch_run, tmp_path):
    run_dir = tmp_path / "run"
    shutil.copytree(batch_run[0], run_dir)
    runner = CliRunner()
    audited = runner.invoke(app, ["audit", str(run_dir)])
    assert audited.exit_code == 0, audited.output
    assert "failed" in audited.output and (run_dir / "indicators").is_dir()
    out = tmp_path / "report.html"
    reported = runner.invoke(app, ["report", str(run_dir), "--out", str(out)])
    assert reported.exit_code == 0, reported.output
    assert out.stat().st_size > 10_000


def test_report_refuses_a_run_that_was_not_audited(batch_run, tmp_path):
    run_dir = tmp_path / "run"
    shutil.copytree(batch_run[0], run_dir)
    shutil.rmtree(run_dir / "indicators", ignore_errors=True)
    result = CliRunner().invoke(app, ["report", str(run_dir), "--out", str(tmp_path / "r.html")])
    assert result.exit_code != 0 and "gongkai audit" in result.output


@pytest.mark.parametrize("command,words", [("audit", ["audit.copying.corpus", "--previous", "indicators"]),
                                           ("report", ["--out", "self-contained", "refusal reasons"])])
def test_help_describes_the_command(command, words):
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert all(w in text for w in words)


def test_html_report_opens_in_headless_chromium_without_errors_or_network(batch_run, tmp_path):
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("chromium is missing on CI")
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    run_dir = tmp_path / "run"
    shutil.copytree(batch_run[0], run_dir)
    audit_run(run_dir)
    html = write_report(run_dir, tmp_path / "report.html")
    errors: list[str] = []
    outside: list[str] = []

    def route(r):
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1400})
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.route("**/*", route)
            page.goto(html.as_uri())
            assert page.locator("figure.chart svg").count() >= 7
            rule_header = page.locator("#findings ~ div table th").nth(2)
            rule_header.click()
            assert rule_header.get_attribute("aria-sort") == "ascending"
            link = page.locator("#findings ~ div table a").first
            target = link.get_attribute("href")
            link.click()
            assert page.evaluate("location.hash") == target
            assert page.locator(f"[id='{target[1:]}']").count() == 1
            page.goto(html.as_uri())
            shot = page.screenshot()
            assert len(shot) > 10_000  # a rendered page, not a blank one
            # GONGKAI_SCREENSHOTS=1 refreshes the README's screenshot; a plain test run leaves the tree clean.
            if os.environ.get("GONGKAI_SCREENSHOTS"):
                SCREENSHOT.parent.mkdir(exist_ok=True)
                SCREENSHOT.write_bytes(shot)
        finally:
            browser.close()
    assert errors == [] and outside == []
