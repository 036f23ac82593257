"""Everything under /api/v1/ that a service owns is forwarded to it."""
from __future__ import annotations

from flask import Blueprint, request

from cadre_shared.errors import ApiError

from ..routing import forward, owner_of

blueprint = Blueprint("proxy", __name__)
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]


@blueprint.route("/api/v1/<path:_rest>", methods=METHODS)
def proxy(_rest):
    service_key = owner_of(request.path)
    if service_key is None:
        raise ApiError(404)
    return forward(service_key)
