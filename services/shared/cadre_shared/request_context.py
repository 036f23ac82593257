"""Request and correlation ids, carried in a context variable so logs and events see them."""
from __future__ import annotations

import contextvars
import uuid

HEADER = "X-Request-ID"
_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)


def current_request_id() -> str | None:
    return _request_id.get()


def set_request_id(value: str | None) -> contextvars.Token:
    return _request_id.set(value)


def new_id() -> str:
    return str(uuid.uuid4())


def clean_incoming(value: str | None) -> str:
    """Accept a caller's id only when it is short and printable; else make one."""
    if value and len(value) <= 64 and all(c.isalnum() or c in "-_." for c in value):
        return value
    return new_id()


def init_app(app) -> None:
    from flask import g, request

    @app.before_request
    def _bind_request_id():
        g.request_id = clean_incoming(request.headers.get(HEADER))
        g._rid_token = set_request_id(g.request_id)

    @app.after_request
    def _echo_request_id(response):
        rid = getattr(g, "request_id", None)
        if rid:
            response.headers[HEADER] = rid
        return response

    @app.teardown_request
    def _unbind_request_id(_exc):
        token = g.pop("_rid_token", None)
        if token is not None:
            _request_id.reset(token)
