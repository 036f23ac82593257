"""The 360 round: cadres rate; group figures for everyone entitled, individual answers for auditors."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ...common.roles import HR_READERS, PROVINCE, READERS
from ...common.schemas import PAGING_HEADERS, paging_headers
from ..handlers import general_policy, rating_audit, ratings
from ..schemas.ratings import (AuditQuery, AuditRatingOut, LeniencyOut, LeniencyQuery, MyRoundOut, PeriodOnlyQuery,
                               PolicyIn, PolicyOut, RatingBatchIn, RatingBatchOut, RatingIn, RatingOut)

blp = Blueprint("ratings", __name__, url_prefix="/api/v1",
                description="Đánh giá đa chiều 360 độ (tiêu chí chung) / 360-degree ratings (general criteria)")


@blp.route("/ratings")
class Ratings(MethodView):
    @requires("cadre")
    @blp.arguments(RatingIn)
    @blp.response(201, RatingOut)
    @blp.alt_response(200, schema=RatingOut, description="Đã thay thế đánh giá trước / earlier rating replaced")
    def post(self, data):
        """Đánh giá một cán bộ được giao (mỗi tiêu chí 0–10; nhóm phải đúng phân công theo tổ chức: đồng nghiệp là cùng
        phòng, ban và cùng loại, khác: 422 theo trường); gửi lại thì thay thế cho đến khi khóa kỳ /
        Rate a colleague you are assigned (0–10 each, as the assigned group: 422 on the field otherwise);
        re-submitting replaces the earlier rating until the period closes"""
        rating, created = ratings.submit_rating(current_principal(), data)
        return rating, 201 if created else 200


@blp.route("/ratings/batch")
class RatingBatch(MethodView):
    @requires("cadre")
    @blp.arguments(RatingBatchIn)
    @blp.response(200, RatingBatchOut)
    def post(self, data):
        """Gửi nhiều phiếu một lần (tối đa 500, như nhập phiếu giấy), mỗi phiếu kiểm tra như khi gửi riêng; một phiếu
        sai: không ghi phiếu nào (422 theo trường `ratings.N.…`, 404 người không thuộc đơn vị) / Several ratings at
        once (up to 500), each checked as a single one; one refused and none is stored"""
        return ratings.submit_ratings(current_principal(), data)


@blp.route("/ratings/mine")
class MyRound(MethodView):
    @requires("cadre")
    @blp.arguments(PeriodOnlyQuery, location="query")
    @blp.response(200, MyRoundOut)
    def get(self, query):
        """Trang /ratings: tự đánh giá và những người tôi được giao đánh giá trong kỳ, với tư cách nào, điểm đã gửi,
        còn sửa được không, hạn đánh giá / The /ratings page: self-assessment and whom I rate, as which group,
        what I answered, editable until close"""
        return ratings.my_round(current_principal(), query["period"])


@blp.route("/ratings/audit")
class RatingAudit(MethodView):
    @requires("auditor")
    @blp.arguments(AuditQuery, location="query")
    @blp.response(200, AuditRatingOut(many=True), headers=PAGING_HEADERS)
    def get(self, query):
        """Từng phiếu đánh giá kèm người đánh giá (chỉ kiểm tra, giám sát) / Individual answers with the rater
        (auditor only)"""
        found, total = rating_audit.audit_trail(query)
        return found, 200, paging_headers(total, query["page"], query["per_page"])


@blp.route("/ratings/leniency")
class Leniency(MethodView):
    @requires(*HR_READERS)
    @blp.arguments(LeniencyQuery, location="query")
    @blp.response(200, LeniencyOut)
    def get(self, query):
        """Cảnh báo nể nang, bình quân chủ nghĩa của đơn vị / Is nearly everyone in the unit top-graded?"""
        return rating_audit.unit_leniency(current_principal(), query)


@blp.route("/scoring/general-policies")
class Policies(MethodView):
    @requires(*READERS)
    @blp.response(200, PolicyOut(many=True))
    def get(self):
        """Chính sách tiêu chí chung theo nhóm vị trí ("default": mặc định) / General-criteria policies"""
        return general_policy.list_policies()


@blp.route("/scoring/general-policies/<task_group>")
class PolicyByGroup(MethodView):
    @requires(*PROVINCE)
    @blp.arguments(PolicyIn)
    @blp.response(200, PolicyOut)
    def put(self, data, task_group):
        """Đặt điểm tối đa từng nhóm tiêu chí và trọng số nhóm người đánh giá cho một nhóm vị trí
        (áp dụng cho kỳ chưa khóa) / Set points and weights for a similar-task group ("default" for all)"""
        return general_policy.put_policy(current_principal(), task_group, data)
