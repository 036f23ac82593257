"""Records of the e-dossier: discipline, conclusions, competency assessments, past posts."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ...common.roles import MANAGERS
from ..handlers import cadre_reads, records
from ..schemas.cadres import (AssessmentOut, AssessmentsIn, CadreDossierOut, ConclusionIn, ConclusionOut, DisciplineIn,
                              DisciplineOut, PastAssignmentIn)

blp = Blueprint("dossier", __name__, url_prefix="/api/v1/cadres",
                description="Kỷ luật, kết luận, đánh giá năng lực, quá trình công tác / Dossier records")


@blp.route("/<cadre_id>/discipline")
class Discipline(MethodView):
    @requires(*MANAGERS)
    @blp.arguments(DisciplineIn)
    @blp.response(201, DisciplineOut)
    def post(self, data, cadre_id):
        """Ghi nhận kỷ luật (nhạy cảm; trùng lặp thì bỏ qua) / Record a disciplinary measure (sensitive; once)"""
        return records.add_discipline(current_principal(), cadre_id, data)


@blp.route("/<cadre_id>/conclusions")
class Conclusions(MethodView):
    @requires(*MANAGERS)
    @blp.arguments(ConclusionIn)
    @blp.response(201, ConclusionOut)
    def post(self, data, cadre_id):
        """Ghi nhận kết luận của cấp có thẩm quyền (nhạy cảm; trùng lặp thì bỏ qua) / Record a formal conclusion (once)"""
        return records.add_conclusion(current_principal(), cadre_id, data)


@blp.route("/<cadre_id>/assessments")
class Assessments(MethodView):
    @requires(*MANAGERS)
    @blp.arguments(AssessmentsIn)
    @blp.response(201, AssessmentOut(many=True))
    def post(self, data, cadre_id):
        """Ghi mức năng lực đánh giá, kèm minh chứng (trùng lặp thì bỏ qua) /
        Record assessed levels with evidence (an identical one is not recorded twice)"""
        return records.add_assessments(current_principal(), cadre_id, data["assessments"])


@blp.route("/<cadre_id>/work-history")
class WorkHistory(MethodView):
    @requires(*MANAGERS)
    @blp.arguments(PastAssignmentIn)
    @blp.response(201, CadreDossierOut)
    def post(self, data, cadre_id):
        """Bổ sung quá trình công tác trước đây (trùng lặp thì bỏ qua) / Add a post held earlier (once)"""
        records.add_past_assignment(current_principal(), cadre_id, data)
        return cadre_reads.dossier(current_principal(), cadre_id)
