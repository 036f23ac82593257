"""Everything under /api/v1/ that a service owns is forwarded to it, after the gateway's own
checks (token and session, operator payloads); the service checks the token and the unit scope
again itself."""
from __future__ import annotations

import json

from flask import Blueprint, request

from cadre_shared.errors import ApiError

from ..audit.hook import note
from ..domain.operator_guard import MESSAGE, operator_paths, operator_query_names
from ..auth.guard import authenticated, has_bearer
from ..domain.audit_naming import is_audited_write
from ..handlers import api_keys, audit_trail, public_limits
from ..routing.routes import owner_of
from ..routing.upstream import forward

blueprint = Blueprint("proxy", __name__)
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
REPORTS = "/api/v1/reports"


def refuse_operators() -> None:
    names = operator_query_names(request.args.keys())
    if request.mimetype == "application/json" and request.content_length:
        try:
            names += operator_paths(json.loads(request.get_data()))
        except ValueError:
            pass  # not JSON after all: the service answers 400
    if names:
        raise ApiError(422, fields={name: [MESSAGE] for name in names})


@blueprint.route("/api/v1/<path:_rest>", methods=METHODS)
def proxy(_rest):
    service_key = owner_of(request.path)
    if service_key is None:
        raise ApiError(404)
    api_key = api_keys.presented_key()
    if api_key is not None:  # the training school's system: its uploads only, as the training_school role
        key, token = api_keys.authorize(api_key)
        note(actor_id=f"apikey:{key.id}", actor=key.name, role="training_school", detail={"api_key": key.id})
        refuse_operators()
        if is_audited_write(request.method, request.path):
            audit_trail.ensure_writable()
        return forward(service_key, authorization=f"Bearer {token}")
    if has_bearer():
        authenticated()
    refuse_operators()
    public_limits.check(request.method, request.path)
    if request.method == "POST" and request.path == REPORTS:
        note(ip=None)  # who reported is the inspection's to know (sealed contact), not the audit trail's
    if is_audited_write(request.method, request.path):
        audit_trail.ensure_writable()
    return forward(service_key)
