"""The review web app: server-rendered pages over a :class:`ReviewStore`, and a small JSON API for the item screen.

Safety lives here, in one place each: the session middleware signs cookies
and sets the security headers (a Content-Security-Policy without inline
script, so no script inside a report can ever run even if escaping failed);
:func:`_guard` refuses cross-site posts; :func:`_render_error` turns every
refusal, and every malformed request, into a 4xx page or JSON message.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from pydantic import BaseModel, ConfigDict, ValidationError
from starlette.exceptions import HTTPException

from ..errors import Errors, GongkaiError, ReviewError
from . import session as sessions
from .agreement import agreement
from .progress import progress
from .queues import counts, get_queue, queues, remaining
from .records import Annotation, FigureRecord
from .snap import snap
from .store import ReviewStore
from .views import item_view, next_key, segments

HERE = Path(__file__).parent
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


class DecideBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    labels: tuple[str, ...]
    figures: tuple[FigureRecord, ...] = ()
    queue: str = "uncertain"
    adjudicate: bool = False


class SkipBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    queue: str = "uncertain"


class SnapBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    start: int
    end: int


def create_app(db: Path) -> FastAPI:
    store = ReviewStore(db)
    secret = store.secret
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)
    templates = Jinja2Templates(env=env)
    app = FastAPI(title="gongkai review", docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.middleware("http")
    async def session_and_headers(request: Request, call_next: Any) -> Response:
        found = sessions.decode(request.cookies.get(sessions.COOKIE), secret)
        request.state.session = found or sessions.new_session()
        response = await call_next(request)
        if getattr(request.state, "new_session", None) is not None or found is None:
            value = getattr(request.state, "new_session", None) or request.state.session
            response.set_cookie(sessions.COOKIE, sessions.encode(value, secret), httponly=True, samesite="strict",
                                path="/")
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    def page(request: Request, name: str, status: int = 200, **context: Any) -> Response:
        sess = request.state.session
        return templates.TemplateResponse(request, name, {
            "reviewer": sess.reviewer, "csrf": sessions.csrf_token(sess, secret), "labels": store.labels, **context,
        }, status_code=status)

    def reviewer_of(request: Request) -> str:
        name = request.state.session.reviewer
        if name is None:
            raise ReviewError(Errors.E073, status=401)
        return name

    async def _guard(request: Request) -> dict[str, Any]:
        """Refuse a cross-site post; returns the form fields (empty for JSON requests)."""
        origin = request.headers.get("origin")
        if origin and origin != f"{request.url.scheme}://{request.url.netloc}":
            raise ReviewError(Errors.E075, status=403, reason=f"origin {origin} is not this site")
        form: dict[str, Any] = {}
        given = request.headers.get("x-csrf-token")
        if given is None and "form" in request.headers.get("content-type", ""):
            data = await request.form()
            form = {k: data.getlist(k) if len(data.getlist(k)) > 1 else data[k] for k in data.keys()}
            given = form.get("csrf") if isinstance(form.get("csrf"), str) else None
        if not sessions.csrf_ok(request.state.session, secret, given):
            raise ReviewError(Errors.E075, status=403, reason="missing or wrong CSRF token; reload the page")
        return form

    async def _json(request: Request, model: type[BaseModel]) -> Any:
        try:
            return model.model_validate(json.loads(await request.body() or b"{}"))
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise ReviewError(Errors.E072, status=400, reason=f"body is not JSON: {e}") from e
        except ValidationError as e:
            raise ReviewError(Errors.E072, status=422, reason=_validation_message(e)) from e

    # -- the one place errors become responses --------------------------------

    def _render_error(request: Request, status: int, message: str, code: str, fields: dict[str, Any]) -> Response:
        wants_json = request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")
        if status == 401 and not wants_json:
            return RedirectResponse(f"/login?next={quote(request.url.path + ('?' + request.url.query if request.url.query else ''))}", 303)
        if wants_json:
            return JSONResponse({"error": message, "code": code, "fields": {k: str(v) for k, v in fields.items()}},
                                status_code=status)
        return page(request, "error.html", status=status, message=message, status_code=status)

    @app.exception_handler(ReviewError)
    async def review_error(request: Request, e: ReviewError) -> Response:
        return _render_error(request, e.status, str(e), e.code, e.fields)

    @app.exception_handler(GongkaiError)
    async def gongkai_error(request: Request, e: GongkaiError) -> Response:
        return _render_error(request, 400, str(e), e.code, e.fields)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, e: RequestValidationError) -> Response:
        reason = "; ".join(f"{'.'.join(map(str, err['loc']))}: {err['msg']}" for err in e.errors())
        return _render_error(request, 422, f"[E072] invalid request: {reason}", "E072", {})

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, e: HTTPException) -> Response:
        return _render_error(request, e.status_code, str(e.detail), "HTTP", {})

    # -- sign in ---------------------------------------------------------------

    @app.get("/login")
    async def login_page(request: Request, next: str = "/") -> Response:
        return page(request, "login.html", next=_local(next), error=None)

    @app.post("/login")
    async def login(request: Request) -> Response:
        form = await _guard(request)
        try:
            name = store.check_login(str(form.get("name", "")), str(form.get("token", "")))
        except ReviewError as e:
            return page(request, "login.html", status=e.status, next=_local(str(form.get("next", "/"))), error=str(e))
        response = RedirectResponse(_local(str(form.get("next", "/"))), 303)
        # a fresh nonce on sign-in, so a session planted before it is worth nothing
        request.state.new_session = sessions.Session(sessions.new_session().nonce, name)
        return response

    @app.post("/logout")
    async def logout(request: Request) -> Response:
        await _guard(request)
        request.state.new_session = sessions.new_session()
        return RedirectResponse("/login", 303)

    # -- pages -----------------------------------------------------------------

    @app.get("/")
    async def dashboard(request: Request) -> Response:
        reviewer = reviewer_of(request)
        return page(request, "dashboard.html", queues=queues(store.labels).values(), counts=counts(store, reviewer),
                    progress=progress(store))

    @app.get("/next")
    async def next_item(request: Request, queue: str = "uncertain") -> Response:
        reviewer = reviewer_of(request)
        key = next_key(store, queue, reviewer)
        if key is None:
            return page(request, "done.html", queue=get_queue(store, queue))
        return RedirectResponse(f"/p/{quote(key)}?queue={quote(queue)}", 303)

    @app.get("/p/{key}")
    async def item(request: Request, key: str, queue: str = "uncertain", adjudicate: bool = False) -> Response:
        reviewer = reviewer_of(request)
        return page(request, "item.html", **item_view(store, key, reviewer, queue=queue, adjudicate=adjudicate))

    @app.post("/p/{key}/double")
    async def double(request: Request, key: str) -> Response:
        reviewer_of(request)
        form = await _guard(request)
        store.set_reviews_required(key, 2 if form.get("reviews") == "2" else 1)
        return RedirectResponse(f"/p/{quote(key)}?queue={quote(str(form.get('queue', 'uncertain')))}", 303)

    @app.get("/cluster/{cluster}")
    async def cluster_preview(request: Request, cluster: str, labels: list[str] | None = None,
                              queue: str = "uncertain", source: str = "") -> Response:
        reviewer = reviewer_of(request)
        members = _cluster_members(cluster, reviewer)
        if not members:
            raise ReviewError(Errors.E070, status=404, what="cluster with paragraphs left to review", key=cluster)
        chosen = [label for label in store.labels if label in (labels or [])]
        return page(request, "cluster.html", cluster=cluster, members=members, chosen=chosen, queue=queue,
                    source=source)

    @app.post("/cluster/{cluster}/apply")
    async def cluster_apply(request: Request, cluster: str) -> Response:
        reviewer = reviewer_of(request)
        form = await _guard(request)
        labels = form.get("labels", [])
        labels = [labels] if isinstance(labels, str) else labels
        members = form.get("member", [])
        members = [members] if isinstance(members, str) else members
        applied, conflicts = [], []
        for member in members:
            key, _, version = member.rpartition("@")
            paragraph = store.paragraph(key)
            if paragraph["cluster"] != cluster:
                raise ReviewError(Errors.E072, status=400, reason=f"{key} is not in cluster {cluster}")
            try:
                annotation = Annotation(labels=tuple(labels),
                                        figures=tuple(FigureRecord(**f) for f in json.loads(paragraph["figures"])))
                store.decide(key, reviewer=reviewer, annotation=annotation, expected_version=int(version or 0),
                             queue=f"cluster:{cluster}")
                applied.append(key)
            except ReviewError as e:
                if e.status != 409:
                    raise
                conflicts.append((key, str(e)))
            except ValidationError as e:
                raise ReviewError(Errors.E072, status=422, reason=_validation_message(e)) from e
        return page(request, "cluster_done.html", applied=applied, conflicts=conflicts,
                    queue=str(form.get("queue", "uncertain")))

    @app.get("/progress")
    async def progress_page(request: Request) -> Response:
        reviewer_of(request)
        return page(request, "progress.html", progress=progress(store))

    @app.get("/agreement")
    async def agreement_page(request: Request) -> Response:
        reviewer_of(request)
        per_label, disagreements = agreement(store)
        return page(request, "agreement.html", per_label=per_label, disagreements=disagreements)

    # -- JSON API of the item screen ---------------------------------------------

    @app.post("/api/p/{key}/decide")
    async def decide(request: Request, key: str) -> Response:
        reviewer = reviewer_of(request)
        await _guard(request)
        body: DecideBody = await _json(request, DecideBody)
        get_queue(store, body.queue)
        try:
            annotation = Annotation(labels=body.labels, figures=body.figures)
        except ValidationError as e:
            raise ReviewError(Errors.E072, status=422, reason=_validation_message(e)) from e
        saved = store.decide(key, reviewer=reviewer, annotation=annotation, expected_version=body.version,
                             queue=body.queue, adjudicate=body.adjudicate)
        return JSONResponse({"version": saved.version, "next": _next_url(body.queue)})

    @app.post("/api/p/{key}/skip")
    async def skip(request: Request, key: str) -> Response:
        reviewer = reviewer_of(request)
        await _guard(request)
        body: SkipBody = await _json(request, SkipBody)
        get_queue(store, body.queue)
        store.skip(key, reviewer=reviewer, queue=body.queue)
        return JSONResponse({"next": _next_url(body.queue)})

    @app.post("/api/undo")
    async def undo(request: Request) -> Response:
        reviewer = reviewer_of(request)
        await _guard(request)
        decision = store.undo(reviewer=reviewer)
        adjudicate = "&adjudicate=true" if decision.slot == "adjudicated" else ""
        queue = decision.queue if decision.queue in queues(store.labels) else "uncertain"
        return JSONResponse({"key": decision.paragraph_key,
                             "url": f"/p/{quote(decision.paragraph_key)}?queue={quote(queue)}{adjudicate}"})

    @app.post("/api/p/{key}/snap")
    async def snap_selection(request: Request, key: str) -> Response:
        reviewer_of(request)
        await _guard(request)
        body: SnapBody = await _json(request, SnapBody)
        return JSONResponse(snap(store.paragraph(key)["text"], body.start, body.end).model_dump())

    def _next_url(queue: str) -> str:
        return f"/next?queue={quote(queue)}"

    def _cluster_members(cluster: str, reviewer: str) -> list[dict[str, Any]]:
        keys = set(remaining(store, get_queue(store, "report"), reviewer, limit=-1))
        with store.connect() as db:
            rows = db.execute("SELECT p.key, p.text, p.labels, p.figures, r.title FROM paragraphs p "
                              "JOIN reports r USING (report_id) WHERE cluster = ? ORDER BY p.report_id, p.seq",
                              (cluster,)).fetchall()
        out = []
        for row in rows:
            if row["key"] not in keys:
                continue
            stored = store.stored(row["key"], store.slot_for(store.paragraph(row["key"]), reviewer))
            out.append({"key": row["key"], "text": row["text"], "title": row["title"],
                        "labels": json.loads(row["labels"]), "version": stored.version if stored else 0,
                        "segments": segments(row["text"], json.loads(row["figures"]))})
        return out

    return app


def _local(url: str) -> str:
    """``url`` when it stays on this site, else "/": sign-in never redirects elsewhere."""
    return url if url.startswith("/") and not url.startswith("//") and "\\" not in url else "/"


def _validation_message(e: ValidationError) -> str:
    return "; ".join(f"{'.'.join(map(str, err['loc'])) or 'body'}: {err['msg']}" for err in e.errors())
