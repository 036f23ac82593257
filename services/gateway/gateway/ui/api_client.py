"""The web UI asks the services over HTTP as the signed-in user; its writes are audited here
exactly as writes through the public API are."""
from __future__ import annotations

from flask import abort, current_app, g

from cadre_shared.errors import ApiError

from ..audit.hook import actor_of
from ..domain.audit_naming import action_of, outcome_of, target_of
from ..handlers.audit_trail import ensure_writable, record_safely
from ..auth.keys import audit_key
from ..auth.client_address import client_ip
from ..routing.upstream import Reply, call
from .web_session import api_token, web_principal


def api(method: str, path: str, *, params: dict | None = None, json: object = None, files: dict | None = None,
        data: dict | None = None, timeout: float | None = None) -> Reply:
    if method.upper() != "GET":
        ensure_writable()  # fail closed: no write the trail cannot record
    reply = call(method, path, api_token(), params={k: v for k, v in (params or {}).items() if v not in (None, "")},
                 json=json, files=files, data=data, timeout=timeout)
    if method.upper() != "GET":
        created = reply.body.get("id") if reply.status == 201 and isinstance(reply.body, dict) else None
        record_safely({"action": action_of(method, path), "target": target_of(path, created), "status": reply.status,
                       "outcome": outcome_of(reply.status), "request_id": g.get("request_id"), "ip": client_ip(),
                       "detail": {"channel": "web"}, **actor_of(web_principal())}, audit_key(current_app.config))
    return reply


def registry_lookup(path: str) -> tuple[int, object]:
    """(status, body) of a GET as the signed-in user: how handlers read the registry on the web path."""
    reply = api("GET", path)
    return reply.status, reply.body


def fetch(path: str, **params):
    """GET that must succeed: 404 (or out of scope) and 403 become those error pages."""
    reply = api("GET", path, params=params)
    if reply.status in (403, 404):
        abort(reply.status)
    if not reply.ok:
        abort(502 if reply.status < 500 else reply.status)
    return reply.body


def fetch_optional(path: str, **params):
    """GET whose failure (even a service being down) the page can live with: it shows a blank."""
    try:
        reply = api("GET", path, params=params)
    except ApiError as exc:
        if exc.status in (503, 504):
            return None
        raise
    return reply.body if reply.ok else None


def total_of(reply: Reply) -> int | None:
    value = reply.headers.get("X-Total-Count")
    return int(value) if value and value.isdigit() else None
