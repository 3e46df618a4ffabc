"""The web app without a browser: sign-in, cross-site protection, 4xx for bad requests, escaping, export."""
from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from pipeline.labels.corpus import read_examples
from pipeline.review import ReviewStore, export_file
from pipeline.review.app import create_app


@pytest.fixture
def client(run):
    with TestClient(create_app(run.db), base_url="http://127.0.0.1") as c:
        yield c


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


def sign_in(client, run, name="alice") -> str:
    token = csrf_of(client.get("/login").text)
    response = client.post("/login", data={"name": name, "token": run.tokens[name], "csrf": token, "next": "/"},
                           follow_redirects=False)
    assert response.status_code == 303
    return csrf_of(client.get("/").text)


def test_pages_need_a_signed_in_reviewer(client):
    response = client.get("/progress", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login?next=/progress"
    assert client.post("/api/undo", headers={"Accept": "application/json"}).status_code in (401, 403)


def test_a_wrong_token_is_refused_and_sign_in_never_redirects_off_site(client, run):
    token = csrf_of(client.get("/login").text)
    bad = client.post("/login", data={"name": "alice", "token": "nope", "csrf": token})
    assert bad.status_code == 401 and "sign-in failed" in bad.text
    good = client.post("/login", data={"name": "alice", "token": run.tokens["alice"], "csrf": token,
                                       "next": "//evil.example/"}, follow_redirects=False)
    assert good.headers["location"] == "/"


def test_posts_without_the_csrf_token_or_from_another_origin_are_refused(client, run):
    token = sign_in(client, run)
    key = run.hostile_key
    body = {"version": 0, "labels": ["measure"]}
    assert client.post(f"/api/p/{key}/decide", json=body).status_code == 403
    assert client.post(f"/api/p/{key}/decide", json=body, headers={"X-CSRF-Token": "forged"}).status_code == 403
    foreign = client.post(f"/api/p/{key}/decide", json=body,
                          headers={"X-CSRF-Token": token, "Origin": "http://evil.example"})
    assert foreign.status_code == 403 and "origin" in foreign.json()["error"]
    assert client.post(f"/api/p/{key}/decide", json=body, headers={"X-CSRF-Token": token}).status_code == 200


@pytest.mark.parametrize(("path", "body", "status"), [
    ("/api/p/{key}/decide", b"{not json", 400),
    ("/api/p/{key}/decide", b'{"version": "x", "labels": ["measure"]}', 422),
    ("/api/p/{key}/decide", b'{"version": 0, "labels": []}', 422),
    ("/api/p/{key}/decide", b'{"version": 0, "labels": ["measure"], "figures": [{"text": "x", "start": 5, "end": 2, "value": 1}]}', 422),
    ("/api/p/{key}/decide", b'{"version": 0, "labels": ["measure"], "queue": "nope"}', 400),
    ("/api/p/missing/decide", b'{"version": 0, "labels": ["measure"]}', 404),
    ("/api/p/{key}/snap", b'{"start": 5, "end": 99999}', 400),
    ("/api/p/{key}/skip", b'[1, 2]', 422),
])
def test_bad_requests_get_a_4xx_with_a_message(client, run, path, body, status):
    token = sign_in(client, run)
    response = client.post(path.format(key=run.hostile_key), content=body,
                           headers={"X-CSRF-Token": token, "Content-Type": "application/json"})
    assert response.status_code == status
    assert response.json()["error"]


def test_bad_page_requests_get_a_4xx_page(client, run):
    sign_in(client, run)
    for path, status in (("/p/missing", 404), ("/next?queue=nope", 400), ("/cluster/none", 404),
                         ("/p/x?adjudicate=maybe", 422), ("/nowhere", 404)):
        response = client.get(path)
        assert response.status_code == status, path
        assert "text/html" in response.headers["content-type"]


def test_report_text_is_escaped_and_no_inline_script_may_run(client, run):
    sign_in(client, run)
    response = client.get(f"/p/{run.hostile_key}")
    assert "<script>window" not in response.text and "<img src=x" not in response.text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "unsafe-inline" not in response.headers["content-security-policy"]


def test_cluster_decision_applies_to_every_member_after_preview_and_reports_conflicts(client, run):
    token = sign_in(client, run)
    store = ReviewStore(run.db)
    with store.connect() as db:
        cluster, n = db.execute("SELECT cluster, count(*) FROM paragraphs GROUP BY cluster HAVING count(*) > 1 "
                                "ORDER BY count(*) DESC LIMIT 1").fetchone()
    preview = client.get(f"/cluster/{cluster}?labels=other")
    members = re.findall(r'name="member" value="([^"]+)"', preview.text)
    assert preview.status_code == 200 and len(members) == n
    # someone decides one member between the preview and the apply
    first = members[0].rpartition("@")[0]
    client.post(f"/api/p/{first}/decide", json={"version": 0, "labels": ["measure"]}, headers={"X-CSRF-Token": token})
    applied = client.post(f"/cluster/{cluster}/apply", data={"csrf": token, "labels": ["other"], "member": members})
    assert applied.status_code == 200 and f"Accepted {n - 1} paragraphs" in applied.text
    assert store.stored(first, "shared").annotation.labels == ("measure",)
    for member in members[1:]:
        assert store.stored(member.rpartition("@")[0], "shared").annotation.labels == ("other",)


def test_export_is_gold_the_trainer_reads(client, run, tmp_path):
    token = sign_in(client, run)
    data = json.loads(re.search(r'id="item-data">(.*?)</script>', client.get(f"/p/{run.hostile_key}").text).group(1))
    figures = [{k: v for k, v in f.items() if k != "rule"} for f in data["figures"]]
    client.post(f"/api/p/{run.hostile_key}/decide", json={"version": 0, "labels": ["measure", "issue"],
                                                           "figures": figures, "queue": "random"},
                headers={"X-CSRF-Token": token})
    out = tmp_path / "gold.jsonl"
    assert export_file(ReviewStore(run.db), out) == 1
    (example,) = read_examples(out)
    assert example.labels == ("issue", "measure") and "<script>" in example.text
    line = json.loads(out.read_text(encoding="utf-8"))
    assert set(line) >= {"id", "text", "labels", "heading", "year", "format", "figures"}
    assert set(line["figures"][0]) >= {"text", "start", "end", "value", "unit", "kind", "item", "approx"}
    progress = client.get("/progress").text
    assert "1</b> of" in progress
