"""A cadre's period score, the 360 breakdown, and HR's record of a leader's criteria đ and e."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ...common.roles import MANAGERS, READERS
from ..handlers import leader_criteria, period_scores, results
from ..schemas.period_scores import (CadreGeneralOut, LeaderCriteriaIn, LeaderCriteriaOut, PeriodScoreOut, ResultsOut,
                                     ScoreQuery)

blp = Blueprint("scores", __name__, url_prefix="/api/v1/cadres",
                description="Điểm, xếp loại theo kỳ (Nghị định 335/2025) / Period scores and levels")


@blp.route("/<cadre_id>/scores")
class CadreScores(MethodView):
    @requires(*READERS)
    @blp.arguments(ScoreQuery, location="query")
    @blp.response(200, PeriodScoreOut)
    def get(self, query, cadre_id):
        """Điểm kỳ: a, b, c (d, đ, e cho lãnh đạo), điểm nhiệm vụ, tiêu chí chung, tổng, xếp loại; tạm tính
        khi kỳ mở, chốt khi kỳ khóa (chưa có sản phẩm: 409) / The period score (provisional while open)"""
        return period_scores.cadre_score(current_principal(), cadre_id, query["period"])


@blp.route("/<cadre_id>/general-criteria")
class CadreGeneral(MethodView):
    @requires(*READERS)
    @blp.arguments(ScoreQuery, location="query")
    @blp.response(200, CadreGeneralOut)
    def get(self, query, cadre_id):
        """Tiêu chí chung theo nhóm người đánh giá (đồng nghiệp, cấp dưới chỉ hiện khi đủ 3 người) /
        General criteria by rater group (peers and subordinates shown from 3 raters)"""
        return period_scores.cadre_general(current_principal(), cadre_id, query["period"])


@blp.route("/<cadre_id>/leader-criteria")
class LeaderCriteria(MethodView):
    @requires(*READERS)
    @blp.arguments(ScoreQuery, location="query")
    @blp.response(200, LeaderCriteriaOut)
    def get(self, query, cadre_id):
        """Tiêu chí đ, e của lãnh đạo trong kỳ (chưa ghi: 100) / A leader's đ and e (100 unless recorded)"""
        return leader_criteria.leader_criteria(current_principal(), cadre_id, query["period"])

    @requires(*MANAGERS)
    @blp.arguments(LeaderCriteriaIn)
    @blp.response(200, LeaderCriteriaOut)
    def put(self, data, cadre_id):
        """Ghi nhận đ (nhiệm vụ kế hoạch của đơn vị) và e (đoàn kết nội bộ); chấm 50 phải có lý do /
        Record đ and e of a leader; 50 needs a reason"""
        return leader_criteria.record_leader_criteria(current_principal(), cadre_id, data)


@blp.route("/<cadre_id>/results")
class CadreResults(MethodView):
    @requires(*READERS)
    @blp.response(200, ResultsOut)
    def get(self, cadre_id):
        """Trang /me: điểm đã chốt mỗi kỳ với a, b, c (d, đ, e), tiêu chí chung theo nhóm tiêu chí và nhóm người đánh
        giá ("chưa đủ người đánh giá" khi dưới 3), xếp loại cuối cùng (cán bộ: khi đã phê duyệt), phân vị so với cùng
        mã vị trí toàn tỉnh; các kỳ đang mở / A cadre's results per closed period with the breakdown, final level
        and percentile; the open periods"""
        return results.cadre_results(current_principal(), cadre_id)
