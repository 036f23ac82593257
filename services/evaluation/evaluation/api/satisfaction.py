"""A cadre's citizen satisfaction per period, counted from the facts the survey events gave us."""
from __future__ import annotations

from dataclasses import asdict

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, ensure_cadre_visible, requires
from cadre_shared.errors import ApiError
from cadre_shared.periods import parse_period_code
from cadre_shared.satisfaction import LEVELS, satisfaction_index

from ..models.satisfaction import SatisfactionFact
from ..registry.models import Cadre
from ..schemas.satisfaction import SatisfactionOut, SatisfactionQuery

blp = Blueprint("satisfaction", __name__, url_prefix="/api/v1",
                description="Mức độ hài lòng của người dân theo cán bộ / Citizen satisfaction per cadre")


@blp.route("/cadres/<cadre_id>/satisfaction")
class CadreSatisfaction(MethodView):
    @requires("province_admin", "auditor", "unit_hr", "cadre")
    @blp.arguments(SatisfactionQuery, location="query")
    @blp.response(200, SatisfactionOut)
    def get(self, query, cadre_id):
        principal = current_principal()
        cadre = Cadre.objects(id=cadre_id).first()
        if cadre is None:
            raise ApiError(404, "Không tìm thấy cán bộ / Cadre not found")
        ensure_cadre_visible(principal, cadre_id, cadre.unit_id, "Không tìm thấy cán bộ / Cadre not found")
        period = query["period"]
        rows = SatisfactionFact._get_collection().aggregate([
            {"$match": {"cadre_id": cadre_id, parse_period_code(period).kind: period, "counted": True}},
            {"$group": {"_id": "$overall", "n": {"$sum": 1}}}])
        counts = {row["_id"]: row["n"] for row in rows if row["_id"] in LEVELS}
        return {"cadre_id": cadre_id, "period": period, **asdict(satisfaction_index(counts))}
