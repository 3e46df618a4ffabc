"""Fixtures of the review tests: a small imported run, reviewers, a live server and headless Chromium."""
from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.review import ReviewStore, import_sources
from pipeline.synth import write_corpus

# A paragraph from the web with markup that must stay text, a character outside the BMP
# (two UTF-16 units, one code point) before a figure, to catch offset conversion errors.
HOSTILE = ('网站留言区曾出现<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">等字样,'
           '全年共清理𠀀类垃圾信息1.2万条。')
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@dataclass(frozen=True)
class Run:
    db: Path
    tokens: dict[str, str]
    hostile_key: str


def make_run(folder: Path, *, reports: int = 3) -> Run:
    """Synthetic reports plus one carrying :data:`HOSTILE`, imported into ``folder/review.sqlite``."""
    paths = write_corpus(folder / "reports", reports, seed=11, forms=("txt",))
    legacy = next(p for p in paths if "legacy" in p.name)
    expected = json.loads((folder / "reports" / "expected" / f"{legacy.stem}.json").read_text(encoding="utf-8"))
    text = legacy.read_bytes().decode(expected["encoding"])
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("一、"))
    hostile = folder / "reports" / "hostile.txt"
    hostile.write_text("\n".join([*lines[:at + 2], HOSTILE, *lines[at + 2:]]), encoding="utf-8")
    db = folder / "review.sqlite"
    outcomes = import_sources(db, [*paths, hostile])
    assert all(o.error is None for o in outcomes), outcomes
    store = ReviewStore(db)
    tokens = {name: store.add_reviewer(name) for name in ("alice", "bob")}
    with store.connect() as conn:
        key = conn.execute("SELECT key FROM paragraphs WHERE text LIKE '%<script>%'").fetchone()[0]
    return Run(db, tokens, key)


@pytest.fixture(scope="session")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Run:
    return make_run(tmp_path_factory.mktemp("imported"))


@pytest.fixture
def run(imported: Run, tmp_path: Path) -> Run:
    """A private copy of the imported run (extraction is the slow part, so it runs once per session)."""
    for suffix in ("", "-wal", "-shm"):
        source = imported.db.with_name(imported.db.name + suffix)
        if source.exists():
            shutil.copy(source, tmp_path / (imported.db.name + suffix))
    return Run(tmp_path / imported.db.name, imported.tokens, imported.hostile_key)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class Server:
    url: str
    run: Run


@pytest.fixture
def server(run: Run) -> Iterator[Server]:
    """The review app over ``run`` on a free local port, stopped after the test."""
    import uvicorn

    from pipeline.review.app import create_app

    port = free_port()
    instance = uvicorn.Server(uvicorn.Config(create_app(run.db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("review server did not start")
        time.sleep(0.05)
    yield Server(f"http://127.0.0.1:{port}", run)
    instance.should_exit = True
    thread.join(timeout=10)


def chromium_path() -> str | None:
    for candidate in (os.environ.get("GONGKAI_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium through Playwright; a skip only outside CI when it is not installed."""
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium not found in CI: scripts/setup.sh should have installed it")
        pytest.skip("chromium not installed (apt-get install chromium, or run scripts/setup.sh as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def sign_in(browser, server: Server, name: str):
    """A fresh browser context signed in as ``name``; returns its page."""
    context = browser.new_context(viewport={"width": 1360, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{server.url}/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=token]", server.run.tokens[name])
    page.press("input[name=token]", "Enter")
    page.wait_for_url(f"{server.url}/")
    return page
