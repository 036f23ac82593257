"""Endpoints a kiosk device (or a receipt link on a phone) calls, through the gateway."""
from __future__ import annotations

import functools

from flask import Response as HttpResponse
from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from cadre_shared.auth import current_principal, requires
from cadre_shared.metrics import KIOSK_ANSWERS

from ..handlers.kiosk_activity import admit
from ..handlers.kiosk_context import context_for
from ..handlers.photos import kiosk_photo
from ..handlers.recording import record_response
from ..receipts import receipt_of
from ..schemas.kiosk import ContextOut, ResponseIn, ResponseOut

blp = Blueprint("kiosk", __name__, url_prefix="/api/v1/kiosk",
                description="Ki-ốt đánh giá tại Bộ phận một cửa / Citizen kiosk")


@blp.after_request
def _count_answers(response):
    """Answers accepted (201 new, 200 replayed), refused (4xx: the kiosk drops them), limited (429:
    the kiosk keeps them and sends again after Retry-After) or failed (5xx: it keeps them too)."""
    if request.method == "POST" and request.url_rule is not None and request.url_rule.rule.endswith("/responses"):
        status = response.status_code
        outcome = {201: "accepted", 200: "replayed", 429: "limited"}.get(
            status, "refused" if status < 500 else "failed")
        KIOSK_ANSWERS.labels(outcome, str(status)).inc()
    return response


def _counted_when_unreadable(view):
    """A body its schema refuses still counts against the kiosk's limit (beyond it: 429, as for any
    request to answer); the handler counts every request that reaches it."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except HTTPException as exc:
            if exc.code is None or exc.code >= 500:
                raise
            _count_refused()
            raise
        except ValidationError:
            _count_refused()
            raise

    return wrapper


def _count_refused() -> None:
    principal = current_principal()
    admit(principal.kiosk_id, principal.kiosk_rate, None)


@blp.route("/context")
class KioskContext(MethodView):
    @requires("kiosk")
    @blp.response(200, ContextOut)
    def get(self):
        principal = current_principal()
        return context_for(principal, receipt_of(principal))


@blp.route("/responses")
class KioskResponses(MethodView):
    @requires("kiosk")
    @_counted_when_unreadable
    @blp.arguments(ResponseIn)
    @blp.response(201, ResponseOut)
    @blp.alt_response(200, schema=ResponseOut, description="Gửi lại đúng nội dung đã ghi / identical replay")
    def post(self, data):
        principal = current_principal()
        recorded = record_response(principal, data, receipt_of(principal))
        return recorded.response, 201 if recorded.created else 200


@blp.route("/staff/<cadre_id>/photo")
class StaffPhotoOfKiosk(MethodView):
    @requires("kiosk")
    def get(self, cadre_id):
        photo = kiosk_photo(current_principal(), cadre_id)
        return HttpResponse(photo.data, mimetype=photo.content_type,
                            headers={"Cache-Control": "private, max-age=3600"})
