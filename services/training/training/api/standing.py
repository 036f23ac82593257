"""Training compliance of a cadre and of a unit, and a cadre's training plan."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ..handlers.standing import cadre_compliance, cadre_plan, cadre_results, unit_compliance, units_overview
from ..schemas.standing import CadreComplianceOut, PlanOut, ResultOut, UnitComplianceOut, UnitOverviewOut
from .roles import READERS

blp = Blueprint("standing", __name__, url_prefix="/api/v1/training",
                description="Tình trạng bồi dưỡng và kế hoạch / Compliance and training plans")
HR_READERS = ("province_admin", "unit_hr", "auditor")


@blp.route("/cadres/<cadre_id>/compliance")
class CadreCompliance(MethodView):
    @requires(*READERS)
    @blp.response(200, CadreComplianceOut)
    def get(self, cadre_id):
        """Từng yêu cầu của vị trí: đã hoàn thành, sắp đến hạn (60 ngày), quá hạn, chứng chỉ hết hạn, chưa đến hạn /
        each requirement: done, due soon (60 days), overdue, expired, not yet due"""
        return cadre_compliance(current_principal(), cadre_id)


@blp.route("/cadres/<cadre_id>/results")
class CadreResults(MethodView):
    @requires(*READERS)
    @blp.response(200, ResultOut(many=True))
    def get(self, cadre_id):
        """Kết quả bồi dưỡng của cán bộ, mới nhất trước / the cadre's course results, newest first"""
        return cadre_results(current_principal(), cadre_id)


@blp.route("/cadres/<cadre_id>/plan")
class CadrePlan(MethodView):
    @requires(*READERS)
    @blp.response(200, PlanOut)
    def get(self, cadre_id):
        """Kế hoạch bồi dưỡng: yêu cầu chưa đạt, rồi khoảng trống năng lực, kèm khóa học phù hợp /
        training plan: unmet requirements, then competency gaps, with the courses that close them"""
        return cadre_plan(current_principal(), cadre_id)


@blp.route("/units/<unit_id>/compliance")
class UnitCompliance(MethodView):
    @requires(*HR_READERS)
    @blp.response(200, UnitComplianceOut)
    def get(self, unit_id):
        return unit_compliance(current_principal(), unit_id)


@blp.route("/compliance/units")
class UnitsOverview(MethodView):
    @requires(*HR_READERS)
    @blp.response(200, UnitOverviewOut(many=True))
    def get(self):
        """Tổng hợp theo đơn vị (đơn vị trong phạm vi của người hỏi) / totals per unit in the caller's scope"""
        return units_overview(current_principal())
