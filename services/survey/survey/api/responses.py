"""For HR: the responses with their comments (newest first), the suspect queue, and the
decisions on it (clear = count it, reject = never count it)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ..domain.periods import parse_period
from ..handlers.listing import case_view, list_responses, list_suspects
from ..handlers.reviewing import review
from ..schemas.responses import ResponsePage, ResponseQuery, ReviewIn, SuspectItem, SuspectPage, SuspectQuery
from .satisfaction import authorize_scope

blp = Blueprint("responses", __name__, url_prefix="/api/v1/responses",
                description="Phản hồi của người dân, hàng chờ nghi vấn / Responses and the suspect queue")
HR_READERS = ("province_admin", "auditor", "unit_hr")


@blp.route("")
class Responses(MethodView):
    @requires(*HR_READERS)
    @blp.arguments(ResponseQuery, location="query")
    @blp.response(200, ResponsePage)
    def get(self, query):
        principal = current_principal()
        unit_id = authorize_scope(principal, None, query.get("unit_id"))
        if query.get("cadre_id"):
            authorize_scope(principal, query["cadre_id"], None)
        period = parse_period(query["period"]) if query.get("period") else None
        return list_responses(unit_id=unit_id, cadre_id=query.get("cadre_id"), period=period,
                              overall=query.get("overall"), with_comment=query["with_comment"],
                              page=query["page"], per_page=query["per_page"])


@blp.route("/suspect")
class SuspectQueue(MethodView):
    @requires(*HR_READERS)
    @blp.arguments(SuspectQuery, location="query")
    @blp.response(200, SuspectPage)
    def get(self, query):
        unit_id = authorize_scope(current_principal(), None, query.get("unit_id"))
        return list_suspects(unit_id=unit_id, status=query["status"], page=query["page"],
                             per_page=query["per_page"])


@blp.route("/<response_id>/review")
class Review(MethodView):
    @requires("province_admin", "unit_hr")
    @blp.arguments(ReviewIn)
    @blp.response(200, SuspectItem)
    def post(self, data, response_id):
        case = review(current_principal(), response_id, data["decision"], data["note"])
        return case_view(case, None)
