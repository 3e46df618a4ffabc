"""End to end in headless Chromium: keyboard review, figure correction, export, hostile text, conflicts."""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest

from pipeline.review import ReviewStore, export_file
from pipeline.review.queues import get_queue, remaining
from pipeline.review.records import Annotation, FigureRecord
from pipeline.review.store import SHARED

from .conftest import HOSTILE, sign_in

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).parent / "screenshots"


def current_key(page) -> str:
    return unquote(re.search(r"/p/([^?]+)", page.url).group(1))


def wait_left(page, key: str) -> None:
    """Wait until the browser has moved on from item ``key`` (a save navigates to the next item)."""
    page.wait_for_function("k => !decodeURIComponent(location.href).includes(k)", arg=key)
    page.wait_for_load_state()


def item_data(page) -> dict:
    return json.loads(page.locator("#item-data").text_content())


def test_hostile_paragraph_renders_as_text_and_figures_highlight_at_code_points(browser, server):
    page = sign_in(browser, server, "alice")
    page.goto(f"{server.url}/p/{server.run.hostile_key}?queue=report")
    text = page.locator("#text")
    assert text.text_content() == HOSTILE
    assert text.locator("img, script").count() == 0
    assert page.evaluate("window.__pwned") is None
    # 𠀀 is two UTF-16 units: a highlight off by one would read "万条。" or ".2万条"
    assert text.locator("mark.fig").all_text_contents() == ["1.2万条"]
    page.context.close()


def test_keyboard_review_correct_a_figure_export_and_undo(browser, server, tmp_path):
    page = sign_in(browser, server, "alice")
    page.goto(f"{server.url}/next?queue=report")
    reviewed = []
    for keys in (["Enter"], ["2", "Enter"], ["a"]):
        page.wait_for_selector("#item-data", state="attached")
        key = current_key(page)
        labels_before = set(item_data(page)["labels"])
        for k in keys:
            page.keyboard.press(k)
        wait_left(page, key)
        reviewed.append((key, labels_before ^ ({"improvement"} if "2" in keys else set())))

    # correct the hostile paragraph's figure from the keyboard, and re-add it by selecting part of it
    page.goto(f"{server.url}/p/{server.run.hostile_key}?queue=report")
    page.keyboard.press("j")
    page.keyboard.press("k")
    page.keyboard.press("e")
    value = page.locator("#figures tbody tr.selected input[name=value]")
    value.fill("12001")
    page.keyboard.press("Escape")
    item = page.locator("#figures tbody tr.selected input[name=item]")
    item.fill("垃圾信息")
    page.keyboard.press("Escape")
    page.keyboard.press("x")
    assert page.locator("#figures tbody tr").count() == 0
    page.evaluate("""() => {  // the mouse covered only "2万" of "1.2万条"
        const node = [...document.querySelector('#text').childNodes].find(n => n.textContent.includes('2万'));
        const range = document.createRange();
        const at = node.textContent.indexOf('2万');
        range.setStart(node, at); range.setEnd(node, at + 2);
        getSelection().removeAllRanges(); getSelection().addRange(range);
    }""")
    page.keyboard.press("f")
    page.wait_for_selector("#figures tbody tr")
    assert page.locator("#figures .ftext").all_text_contents() == ["1.2万条"]
    page.locator("#figures tbody tr.selected input[name=value]").fill("12001")
    page.locator("#figures tbody tr.selected input[name=item]").fill("垃圾信息")
    page.keyboard.press("Escape")
    page.keyboard.press("Enter")
    wait_left(page, server.run.hostile_key)

    out = tmp_path / "gold.jsonl"
    assert export_file(ReviewStore(server.run.db), out) == 4
    lines = {row["id"]: row for row in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    for key, labels in reviewed:
        assert set(lines[key]["labels"]) == labels
    hostile = lines[server.run.hostile_key]
    (figure,) = hostile["figures"]
    assert (figure["text"], figure["value"], figure["unit"], figure["item"]) == ("1.2万条", 12001, "条", "垃圾信息")
    assert hostile["text"][figure["start"]:figure["end"]] == "1.2万条"  # code points, as Python indexes
    assert hostile["text"] == HOSTILE

    # undo after saving: back to the hostile paragraph, its annotation gone, the undo in its history
    page.keyboard.press("u")
    page.wait_for_url(re.compile(re.escape(server.run.hostile_key.replace(":", "%3A"))))
    assert "undo" in page.locator("#history").text_content()
    stored = ReviewStore(server.run.db).stored(server.run.hostile_key, SHARED)
    assert stored.annotation is None and stored.version == 2
    page.context.close()


def test_two_reviewers_saving_the_same_item_get_a_conflict_and_nothing_is_lost(browser, server):
    alice, bob = sign_in(browser, server, "alice"), sign_in(browser, server, "bob")
    key = server.run.hostile_key
    for page in (alice, bob):
        page.goto(f"{server.url}/p/{key}?queue=report")
    alice.keyboard.press("3")  # innovation on
    alice.keyboard.press("Enter")
    wait_left(alice, key)
    bob.keyboard.press("1")  # issue on
    bob.keyboard.press("Enter")
    banner = bob.locator("#banner")
    banner.wait_for(state="visible")
    assert "conflict" in banner.text_content() and "alice" in banner.text_content()
    assert "on" in bob.locator("#labels li[data-label=issue]").get_attribute("class")  # bob's edit still on screen
    bob.keyboard.press("o")  # bob saves his over alice's, knowingly
    wait_left(bob, key)
    store = ReviewStore(server.run.db)
    history = store.history(key)
    assert [(d.reviewer, d.action, d.version) for d in history] == [("alice", "accept", 1), ("bob", "accept", 2)]
    assert "innovation" in history[0].after.labels and history[1].before == history[0].after
    assert "issue" in store.stored(key, SHARED).annotation.labels
    alice.context.close()
    bob.context.close()


def test_main_screens_render_and_are_captured(browser, server, tmp_path):
    """Screenshots of the main screens; GONGKAI_SCREENSHOTS=1 refreshes tests/review/screenshots/."""
    store = ReviewStore(server.run.db)
    with store.connect() as db:
        keys = [k for (k,) in db.execute("SELECT key FROM paragraphs ORDER BY report_id, seq LIMIT 4")]
    for key in keys[:2]:
        store.set_reviews_required(key, 2)
    alice, bob = sign_in(browser, server, "alice"), sign_in(browser, server, "bob")
    for page, extra in ((alice, "1"), (bob, "3")):
        for key in keys[:2]:
            page.goto(f"{server.url}/p/{key}?queue=report")
            page.keyboard.press(extra)
            page.keyboard.press("Enter")
            wait_left(page, key)
    for key in remaining(store, get_queue(store, "random"), "alice", limit=8):  # some settled items for progress
        row = store.paragraph(key)
        store.decide(key, reviewer="alice", expected_version=0, queue="random", annotation=Annotation(
            labels=tuple(json.loads(row["labels"])) or ("other",),
            figures=tuple(FigureRecord(**f) for f in json.loads(row["figures"]))))
    shots = {}
    for name, path in (("queues", "/"), ("item", f"/p/{server.run.hostile_key}?queue=report"),
                       ("progress", "/progress"), ("agreement", "/agreement")):
        alice.goto(server.url + path)
        if name == "item":
            alice.keyboard.press("j")
        shots[name] = tmp_path / f"{name}.png"
        alice.screenshot(path=str(shots[name]), full_page=True)
    assert alice.locator("#disagreements tbody tr").count() == 2
    assert alice.locator("#kappa tbody tr").count() == 5
    with store.connect() as db:
        cluster = db.execute("SELECT cluster FROM paragraphs GROUP BY cluster HAVING count(*) > 1 "
                             "ORDER BY max(length(text)) DESC LIMIT 1").fetchone()[0]
    alice.goto(f"{server.url}/cluster/{cluster}?queue=report")
    shots["cluster"] = tmp_path / "cluster.png"
    alice.screenshot(path=str(shots["cluster"]), full_page=True)
    assert all(p.stat().st_size > 10_000 for p in shots.values())
    if os.environ.get("GONGKAI_SCREENSHOTS"):
        SCREENSHOTS.mkdir(exist_ok=True)
        for name, path in shots.items():
            shutil.copy(path, SCREENSHOTS / path.name)
    alice.context.close()
    bob.context.close()
