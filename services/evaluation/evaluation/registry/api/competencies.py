"""The competency framework (khung năng lực)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ...common.roles import PROVINCE, READERS
from ...common.schemas import TOTAL_HEADER
from ..handlers.competencies import change_competency, create_competency, find_competency, list_competencies
from ..schemas.competencies import CompetencyIn, CompetencyOut, CompetencyPatch, CompetencyQuery

blp = Blueprint("competencies", __name__, url_prefix="/api/v1/competencies",
                description="Khung năng lực: năng lực theo nhóm, thang mức / Competency framework")


@blp.route("")
class Competencies(MethodView):
    @requires(*PROVINCE)
    @blp.arguments(CompetencyIn)
    @blp.response(201, CompetencyOut)
    def post(self, data):
        """Thêm năng lực (thang mặc định 5 mức, thành thạo = 4) / Add a competency"""
        return create_competency(data, current_principal().username)

    @requires(*READERS)
    @blp.arguments(CompetencyQuery, location="query")
    @blp.response(200, CompetencyOut(many=True), headers=TOTAL_HEADER)
    def get(self, query):
        """Danh sách năng lực theo nhóm / Competencies, by group then code"""
        found = list_competencies(query)
        return found, 200, {"X-Total-Count": str(len(found))}


@blp.route("/<competency_id>")
class CompetencyById(MethodView):
    @requires(*READERS)
    @blp.response(200, CompetencyOut)
    def get(self, competency_id):
        """Một năng lực / One competency"""
        return find_competency(competency_id)

    @requires(*PROVINCE)
    @blp.arguments(CompetencyPatch)
    @blp.response(200, CompetencyOut)
    def patch(self, data, competency_id):
        """Sửa năng lực (phiên bản mới) / Change a competency (new version)"""
        return change_competency(competency_id, data, current_principal().username)
