"""For HR: the responses with their comments (newest first), the suspect queue, and the
decisions on it (clear = count it, reject = never count it)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ..handlers.listing import case_view, responses_seen_by, suspects_seen_by
from ..handlers.reviewing import review
from ..schemas.responses import ResponsePage, ResponseQuery, ReviewIn, SuspectItem, SuspectPage, SuspectQuery

blp = Blueprint("responses", __name__, url_prefix="/api/v1/responses",
                description="Phản hồi của người dân, hàng chờ nghi vấn / Responses and the suspect queue")
HR_READERS = ("province_admin", "auditor", "unit_hr")


@blp.route("")
class Responses(MethodView):
    @requires(*HR_READERS)
    @blp.arguments(ResponseQuery, location="query")
    @blp.response(200, ResponsePage)
    def get(self, query):
        return responses_seen_by(current_principal(), query)


@blp.route("/suspect")
class SuspectQueue(MethodView):
    @requires(*HR_READERS)
    @blp.arguments(SuspectQuery, location="query")
    @blp.response(200, SuspectPage)
    def get(self, query):
        return suspects_seen_by(current_principal(), query)


@blp.route("/<response_id>/review")
class Review(MethodView):
    @requires("province_admin", "unit_hr")
    @blp.arguments(ReviewIn)
    @blp.response(200, SuspectItem)
    def post(self, data, response_id):
        case = review(current_principal(), response_id, data["decision"], data["note"])
        return case_view(case, None)
