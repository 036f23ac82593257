"""Request and correlation ids, carried in a context variable so logs and events see them."""
from __future__ import annotations

import contextvars
import logging
import time
import uuid

HEADER = "X-Request-ID"
log = logging.getLogger("cadre360.requests")
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

    slow_ms = float(app.config.get("SLOW_REQUEST_MS") or 0)

    @app.before_request
    def _bind_request_id():
        g.request_started = time.monotonic()
        g.request_id = clean_incoming(request.headers.get(HEADER))
        g._rid_token = set_request_id(g.request_id)

    @app.after_request
    def _echo_request_id(response):
        rid = getattr(g, "request_id", None)
        if rid:
            response.headers[HEADER] = rid
        started = g.get("request_started")
        if slow_ms and started is not None:
            took_ms = (time.monotonic() - started) * 1000
            if took_ms >= slow_ms:  # the path only: a query string may carry what a log must not keep
                log.warning("slow request: %s %s answered %s in %.0f ms", request.method, request.path,
                            response.status_code, took_ms)
        return response

    @app.teardown_request
    def _unbind_request_id(_exc):
        token = g.pop("_rid_token", None)
        if token is not None:
            _request_id.reset(token)
