"""The demo's seeding door: citizens' answers of past quarters, which the kiosk API refuses (it
keeps an answer's own time only up to 30 days back, ``domain.responses.MAX_ANSWER_AGE``).

Registered only when the survey process starts with ``C360_SURVEY_SEEDING_DOOR=1`` (``make run``
sets it while it seeds the demo province); otherwise the path does not exist (404). It lives
outside ``/api/v1``: the gateway routes no such path, so nobody reaches it from outside — the
seeder calls the survey service's own address, with the province administrator's token. Each
answer goes through the kiosk's recording handler, as if its kiosk had sent it at its time, so
validation, the burst rule and the ``response.recorded`` event are the kiosk's."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import requires

from ..handlers.seeding import record_past_answers
from ..schemas.seeding import PastAnswersIn, PastAnswersOut

blp = Blueprint("seeding", __name__, url_prefix="/internal/v1/seeding",
                description="Cửa nạp dữ liệu minh họa (không qua cổng) / demo seeding door (not via the gateway)")


@blp.route("/responses")
class PastAnswers(MethodView):
    @requires("province_admin")
    @blp.arguments(PastAnswersIn)
    @blp.response(200, PastAnswersOut)
    def post(self, data):
        return record_past_answers(data["kiosk_id"], data["unit_id"], data["answers"])
