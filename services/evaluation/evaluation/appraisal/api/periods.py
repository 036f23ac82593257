"""Evaluation periods: opened and closed by province HR, listed for everyone."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ...common.roles import HR_READERS, PROVINCE, READERS
from ..handlers import period_jobs, period_scores, periods
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
        """Mở kỳ đánh giá (mã 2026-Q4 hoặc 2026-11; trùng: 409): nhận đánh giá 360 theo tổ chức ngay; việc chạy nền
        báo `rating_requested` cho người đánh giá của từng đơn vị / Open a period (code 2026-Q4 or 2026-11): ratings
        are taken at once; a background job tells every unit's raters what to rate"""
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
    @blp.response(202, PeriodOut)
    def post(self, period_id):
        """Khóa kỳ (việc chạy nền): ngay lập tức kỳ chuyển sang "closing", không nhận thêm đánh giá, thay đổi nhiệm
        vụ; việc khóa chốt điểm mọi cán bộ có sản phẩm kèm phiên bản đã dùng, tính phân vị theo mã vị trí toàn tỉnh
        và lập đề xuất xếp loại từng đơn vị với giới hạn xuất sắc. Trả về 202 với `job`; trang kỳ hỏi lại
        `GET /periods/{id}` đến khi `job.status` là `done` (kỳ `closed`). Gọi lại khi đang chạy: cùng việc; sau khi
        việc lỗi: chạy lại. Kỳ đã khóa: 409 /
        Close as a job: the period turns "closing" at once (no more ratings or task changes); the job freezes every
        score with the versions used, computes percentiles and makes each unit's classification proposal. Answers
        202 with `job`; poll `GET /periods/{id}` until `job.status` is `done`."""
        return period_jobs.request_close(current_principal(), period_id)


@blp.route("/<period_id>/scores")
class UnitScores(MethodView):
    @requires(*HR_READERS)
    @blp.arguments(UnitScoresQuery, location="query")
    @blp.response(200, PeriodScoreOut(many=True))
    def get(self, query, period_id):
        """Điểm của các cán bộ một đơn vị trong kỳ, cao nhất trước (tạm tính khi kỳ còn mở) /
        Scores of a unit's cadres, highest first (provisional while the period is open)"""
        return period_scores.unit_scores(current_principal(), period_id, query["unit_id"])
