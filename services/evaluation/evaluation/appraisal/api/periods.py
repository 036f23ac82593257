"""Evaluation periods: opened and closed by province HR, listed for everyone."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ...common.roles import HR_READERS, PROVINCE, READERS
from ..handlers import closing, period_scores, periods
from ..schemas.period_scores import PeriodScoreOut, UnitScoresQuery
from ..schemas.periods import PeriodIn, PeriodOut, PeriodQuery

blp = Blueprint("periods", __name__, url_prefix="/api/v1/periods",
                description="Kỳ đánh giá (quý hoặc tháng) / Evaluation periods (quarter or month)")


@blp.route("")
class Periods(MethodView):
    @requires(*PROVINCE)
    @blp.arguments(PeriodIn)
    @blp.response(201, PeriodOut)
    def post(self, data):
        """Mở kỳ đánh giá (mã 2026-Q4 hoặc 2026-11; trùng: 409) / Open a period (code 2026-Q4 or 2026-11)"""
        return periods.create_period(current_principal(), data)

    @requires(*READERS)
    @blp.arguments(PeriodQuery, location="query")
    @blp.response(200, PeriodOut(many=True))
    def get(self, query):
        """Danh sách kỳ đánh giá, mới nhất trước / Periods, newest first"""
        return periods.list_periods(query)


@blp.route("/<period_id>")
class PeriodById(MethodView):
    @requires(*READERS)
    @blp.response(200, PeriodOut)
    def get(self, period_id):
        """Một kỳ đánh giá / One period"""
        return periods.find_period(period_id)


@blp.route("/<period_id>/close")
class ClosePeriod(MethodView):
    @requires(*PROVINCE)
    @blp.response(200, PeriodOut)
    def post(self, period_id):
        """Khóa kỳ: chốt điểm mọi cán bộ có sản phẩm, không nhận thêm đánh giá, thay đổi nhiệm vụ /
        Close: freeze every score (published as score.computed); ratings and tasks no longer change"""
        return closing.close_period(current_principal(), period_id)


@blp.route("/<period_id>/scores")
class UnitScores(MethodView):
    @requires(*HR_READERS)
    @blp.arguments(UnitScoresQuery, location="query")
    @blp.response(200, PeriodScoreOut(many=True))
    def get(self, query, period_id):
        """Điểm của các cán bộ một đơn vị trong kỳ, cao nhất trước (tạm tính khi kỳ còn mở) /
        Scores of a unit's cadres, highest first (provisional while the period is open)"""
        return period_scores.unit_scores(current_principal(), period_id, query["unit_id"])
