"""What people's scrutiny found about a cadre: the inspection's conclusions of citizens' reports
and the People's Council's confidence votes (read copies of the survey service's events)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ...common.roles import HR_READERS
from ..handlers.scrutiny import cadre_scrutiny
from ..schemas.scrutiny import ScrutinyOut

blp = Blueprint("scrutiny", __name__, url_prefix="/api/v1/cadres",
                description="Phản ánh đã kết luận, kết quả lấy phiếu tín nhiệm / Concluded reports, confidence votes")


@blp.route("/<cadre_id>/scrutiny")
class CadreScrutiny(MethodView):
    @requires(*HR_READERS)
    @blp.response(200, ScrutinyOut)
    def get(self, cadre_id):
        """Phản ánh của người dân đã kết luận (không có người phản ánh, nội dung) và kết quả lấy phiếu tín nhiệm /
        concluded citizens' reports (never the reporter or the text) and confidence-vote results"""
        return cadre_scrutiny(current_principal(), cadre_id)
