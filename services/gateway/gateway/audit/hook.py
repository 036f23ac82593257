"""Every write through the API (and every sign-in) leaves an audit record, whatever its outcome."""
from __future__ import annotations

from flask import Flask, current_app, g, request

from cadre_shared.auth import current_principal
from cadre_shared.errors import ApiError

from ..domain.audit_naming import action_of, is_audited_write, outcome_of, target_of
from ..handlers.audit_trail import record_safely
from ..auth.keys import audit_key
from ..auth.client_address import client_ip


def note(**fields) -> None:
    """Let a view say what the record of this request should carry (action, actor, outcome, detail…)."""
    g.audit = {**g.get("audit", {}), **fields}


def actor_of(principal) -> dict:
    return {"actor_id": principal.user_id, "actor": principal.username, "role": principal.role,
            "unit_id": principal.unit_id}


def _actor() -> dict:
    if "principal" in g:
        return actor_of(g.principal)
    if request.headers.get("Authorization"):
        try:
            return actor_of(current_principal())
        except ApiError as exc:
            return {"actor": None, "detail": {"token": exc.code}}
    return {"actor": None}


def _created_id(response) -> str | None:
    if response.status_code != 201 or not response.is_json:
        return None
    body = response.get_json(silent=True)
    value = body.get("id") if isinstance(body, dict) else None
    return str(value)[:64] if value else None


def entry_for(method: str, path: str, status: int, explicit: dict, actor: dict, created_id: str | None) -> dict:
    entry = {"action": action_of(method, path), "target": target_of(path, created_id), "status": status,
             "outcome": outcome_of(status), "request_id": g.get("request_id"), "ip": client_ip(), **actor}
    detail = {**actor.get("detail", {}), **explicit.get("detail", {})}
    entry.update({k: v for k, v in explicit.items() if k != "detail"})
    entry["detail"] = detail
    return entry


def init_app(app: Flask) -> None:
    @app.after_request
    def _audit(response):
        explicit = g.get("audit")
        if explicit is None and not is_audited_write(request.method, request.path, response.status_code):
            return response
        actor = {} if explicit and "actor" in explicit else _actor()
        entry = entry_for(request.method, request.path, response.status_code, explicit or {}, actor,
                          _created_id(response))
        record_safely(entry, audit_key(current_app.config))
        return response
