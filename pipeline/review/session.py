"""Signed session cookies and the cross-site request check, with the standard library only.

The cookie holds a random nonce and, once signed in, the reviewer's name,
signed with the database's secret (HMAC-SHA256) so it cannot be forged.
Every state-changing request must carry the CSRF token derived from that
nonce (a hidden form field or the ``X-CSRF-Token`` header), which a page on
another site cannot read; a foreign ``Origin`` header is refused outright.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass

COOKIE = "gongkai_review"


@dataclass(frozen=True)
class Session:
    nonce: str
    reviewer: str | None = None


def new_session() -> Session:
    return Session(secrets.token_urlsafe(16))


def _sign(secret: bytes, payload: bytes) -> str:
    return base64.urlsafe_b64encode(hmac.new(secret, payload, hashlib.sha256).digest()).decode().rstrip("=")


def encode(session: Session, secret: bytes) -> str:
    payload = base64.urlsafe_b64encode(json.dumps({"n": session.nonce, "r": session.reviewer}).encode()).decode()
    return f"{payload}.{_sign(secret, payload.encode())}"


def decode(cookie: str | None, secret: bytes) -> Session | None:
    """The session in ``cookie``, or None when it is missing, malformed or not signed by ``secret``."""
    if not cookie or "." not in cookie:
        return None
    payload, signature = cookie.rsplit(".", 1)
    if not hmac.compare_digest(signature, _sign(secret, payload.encode())):
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(payload.encode()))
        return Session(str(data["n"]), data["r"] if isinstance(data.get("r"), str) else None)
    except (ValueError, KeyError, TypeError):
        return None


def csrf_token(session: Session, secret: bytes) -> str:
    return _sign(secret, f"csrf:{session.nonce}".encode())


def csrf_ok(session: Session, secret: bytes, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(given, csrf_token(session, secret))  # type: ignore[arg-type]
