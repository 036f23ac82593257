"""A cadre's citizen satisfaction per period, counted from the facts the survey events gave us."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ...common.roles import READERS
from ..handlers.satisfaction import cadre_satisfaction
from ..schemas.satisfaction import SatisfactionOut, SatisfactionQuery

blp = Blueprint("satisfaction", __name__, url_prefix="/api/v1",
                description="Mức độ hài lòng của người dân theo cán bộ / Citizen satisfaction per cadre")


@blp.route("/cadres/<cadre_id>/satisfaction")
class CadreSatisfaction(MethodView):
    @requires(*READERS)
    @blp.arguments(SatisfactionQuery, location="query")
    @blp.response(200, SatisfactionOut)
    def get(self, query, cadre_id):
        """Mức độ hài lòng của người dân với cán bộ trong kỳ (dưới 5 lượt: chưa đủ) /
        Citizens' satisfaction with the cadre in the period (under 5 responses: not enough)"""
        return cadre_satisfaction(current_principal(), cadre_id, query["period"])
