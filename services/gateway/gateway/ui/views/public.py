"""Pages anyone may open without signing in, phone first: a delegate's confidence ballot (/vote)
and a citizen's report about an official (/report, and /report/status to follow it). They call the
survey service's public endpoints as the public API does: the same abuse limits, and no address in
the audit record of a report (who reported is the inspection's to know)."""
from __future__ import annotations

import secrets

from flask import current_app, g, make_response, render_template, request

from ...domain.audit_naming import action_of, outcome_of, target_of
from ...domain.public_limits import DEVICE_COOKIE
from ...handlers import public_limits
from ...handlers.audit_trail import record_safely
from ...auth.client_address import client_ip
from ...auth.keys import audit_key
from ...routing.upstream import call
from ..web_session import set_cookie

DEVICE_YEAR = 365 * 24 * 3600


def public_call(method: str, path: str, *, json: dict | None = None, params: dict | None = None):
    """A call to a public endpoint: counted against its limits; a write audited without an actor,
    and without the address when it is a citizen's report."""
    public_limits.check(method, path)
    reply = call(method, path, None, json=json, params=params)
    if method != "GET":
        record_safely({"action": action_of(method, path), "target": target_of(path), "status": reply.status,
                       "outcome": outcome_of(reply.status), "request_id": g.get("request_id"),
                       "ip": None if path == "/api/v1/reports" else client_ip(), "actor": None,
                       "detail": {"channel": "web"}}, audit_key(current_app.config))
    return reply


def page(template: str, status: int = 200, **context):
    """A public page; it gives the browser a device id once (the per-device abuse limit)."""
    response = make_response(render_template(template, public=True, **context), status)
    if not request.cookies.get(DEVICE_COOKIE):
        set_cookie(response, DEVICE_COOKIE, secrets.token_urlsafe(24), max_age=DEVICE_YEAR)
    return response
