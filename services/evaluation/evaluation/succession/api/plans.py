"""Plans per term and their candidates (PRODUCT.md §6): province HR writes, HR readers read (a
unit's HR their own unit)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ...common.roles import HR_READERS, PROVINCE
from ..handlers import candidates, plans, views
from ..schemas.plans import (CandidateCreated, CandidateIn, DevelopmentIn, EntryOut, HistoryOut, PlanIn, PlanOut,
                             PlanQuery, PlanViewOut, RemoveIn, SummaryOut)

blp = Blueprint("succession", __name__, url_prefix="/api/v1/succession/plans",
                description="Quy hoạch cán bộ chức danh chủ chốt / Succession plans for key titles")
PROVINCE_READERS = ("province_admin", "auditor")


@blp.route("")
class Plans(MethodView):
    @requires(*PROVINCE)
    @blp.arguments(PlanIn)
    @blp.response(201, PlanOut)
    def post(self, data):
        """Lập quy hoạch cho một nhiệm kỳ / Open a plan for a term"""
        return plans.create_plan(current_principal(), data["term"])

    @requires(*HR_READERS)
    @blp.response(200, PlanOut(many=True))
    def get(self):
        """Các quy hoạch, nhiệm kỳ mới nhất trước / Plans, latest term first"""
        return plans.list_plans()


@blp.route("/<plan_id>")
class PlanById(MethodView):
    @requires(*HR_READERS)
    @blp.arguments(PlanQuery, location="query")
    @blp.response(200, PlanViewOut)
    def get(self, query, plan_id):
        """Từng chức danh chủ chốt của đơn vị: người trong quy hoạch, đủ điều kiện hay không và vì sao; tỷ lệ nữ,
        trẻ, đã đào tạo / each key title: candidates, eligibility and why not; shares of women, young, trained"""
        return views.plan_view(current_principal(), plan_id, query.get("unit_id"))


@blp.route("/<plan_id>/summary")
class PlanSummary(MethodView):
    @requires(*PROVINCE_READERS)
    @blp.response(200, SummaryOut)
    def get(self, plan_id):
        """Tỷ lệ toàn tỉnh và từng đơn vị so với chỉ tiêu Nghị quyết / province and unit shares beside the targets"""
        return views.summary(plan_id)


@blp.route("/<plan_id>/history")
class PlanHistory(MethodView):
    @requires(*HR_READERS)
    @blp.arguments(PlanQuery, location="query")
    @blp.response(200, HistoryOut(many=True))
    def get(self, query, plan_id):
        """Rà soát hằng năm: bổ sung, đưa ra và lý do, mới nhất trước / the yearly review's history, newest first"""
        return views.history(current_principal(), plan_id, query.get("unit_id"))


@blp.route("/<plan_id>/candidates")
class Candidates(MethodView):
    @requires(*PROVINCE)
    @blp.arguments(CandidateIn)
    @blp.response(201, CandidateCreated)
    def post(self, data, plan_id):
        """Đưa cán bộ vào quy hoạch một chức danh: 422 khi chức danh đủ người, cán bộ đủ số chức danh, hoặc chưa
        đủ điều kiện (nêu từng điều) trừ khi có override_reason / add a candidate: 422 when the title is full, the
        cadre holds the maximum of titles, or is not eligible (each unmet condition) unless override_reason"""
        return candidates.add_candidate(current_principal(), plan_id, data)


@blp.route("/<plan_id>/candidates/<candidate_id>")
class CandidateById(MethodView):
    @requires(*PROVINCE)
    @blp.arguments(RemoveIn)
    @blp.response(200, EntryOut)
    def delete(self, data, plan_id, candidate_id):
        """Đưa ra khỏi quy hoạch, có lý do (lịch sử được giữ) / Remove with a reason (the history is kept)"""
        return candidates.remove_candidate(current_principal(), plan_id, candidate_id, data["reason"])


@blp.route("/<plan_id>/candidates/<candidate_id>/development")
class CandidateDevelopment(MethodView):
    @requires(*PROVINCE)
    @blp.arguments(DevelopmentIn)
    @blp.response(200, EntryOut)
    def put(self, data, plan_id, candidate_id):
        """Luân chuyển (mục tiêu), khóa học bắt buộc và hạn đạt chuẩn: khóa học vào kế hoạch bồi dưỡng của cán bộ /
        rotation with its goal, required courses and the date to meet the standard; courses join the training plan"""
        return candidates.plan_development(current_principal(), plan_id, candidate_id, data)
