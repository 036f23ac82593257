"""Satisfaction indices per cadre, unit, procedure and period (the survey service's own figures)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ..handlers.satisfaction import breakdown_of, index_of, trend_of
from ..schemas.satisfaction import (BreakdownOut, BreakdownQuery, IndexOut, IndexQuery, TrendOut,
                                    TrendQuery)

blp = Blueprint("satisfaction", __name__, url_prefix="/api/v1/satisfaction",
                description="Chỉ số hài lòng của người dân / Citizen satisfaction indices")
READERS = ("province_admin", "auditor", "unit_hr", "cadre")


@blp.route("")
class SatisfactionIndex(MethodView):
    @requires(*READERS)
    @blp.arguments(IndexQuery, location="query")
    @blp.response(200, IndexOut)
    def get(self, query):
        return index_of(current_principal(), query)


@blp.route("/breakdown")
class SatisfactionBreakdown(MethodView):
    @requires("province_admin", "auditor", "unit_hr")
    @blp.arguments(BreakdownQuery, location="query")
    @blp.response(200, BreakdownOut)
    def get(self, query):
        return breakdown_of(current_principal(), query)


@blp.route("/trend")
class SatisfactionTrend(MethodView):
    @requires(*READERS)
    @blp.arguments(TrendQuery, location="query")
    @blp.response(200, TrendOut)
    def get(self, query):
        return trend_of(current_principal(), query)
