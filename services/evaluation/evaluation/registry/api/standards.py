"""Area appendices of the standards, and the vocabularies (scales, categories) forms need."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ...common.roles import PROVINCE, READERS
from ..domain.scales import listed_vocabularies
from ..handlers.appendices import find_appendix, list_appendices, set_appendix
from ..handlers.standards import set_position_competencies
from ..schemas.positions import PositionOut
from ..schemas.standards import AppendixIn, AppendixOut, PositionCompetenciesIn, VocabulariesOut

blp = Blueprint("standards", __name__, url_prefix="/api/v1/standards",
                description="Phụ lục năng lực ưu tiên theo địa bàn; danh mục / Area appendices; vocabularies")


@blp.route("/vocabularies")
class Vocabularies(MethodView):
    @requires(*READERS)
    @blp.response(200, VocabulariesOut)
    def get(self):
        """Các danh mục đóng và thang bậc (thấp → cao) / Closed lists and ordered scales, lowest first"""
        return listed_vocabularies()


@blp.route("/appendices")
class Appendices(MethodView):
    @requires(*READERS)
    @blp.response(200, AppendixOut(many=True))
    def get(self):
        """Phụ lục của các loại địa bàn đã khai báo / Appendices defined so far"""
        return list_appendices()


@blp.route("/appendices/<area>")
class AppendixByArea(MethodView):
    @requires(*READERS)
    @blp.response(200, AppendixOut)
    def get(self, area):
        """Phụ lục của một loại địa bàn / The appendix of one area type"""
        return find_appendix(area)

    @requires(*PROVINCE)
    @blp.arguments(AppendixIn)
    @blp.response(200, AppendixOut)
    def put(self, data, area):
        """Đặt phụ lục (phiên bản mới nếu khác) / Set the appendix (a new version when it differs)"""
        return set_appendix(area, data, current_principal().username)


@blp.route("/positions/<position_id>/competencies")
class PositionCompetencies(MethodView):
    @requires(*PROVINCE)
    @blp.arguments(PositionCompetenciesIn)
    @blp.response(200, PositionOut)
    def put(self, data, position_id):
        """Đặt năng lực yêu cầu của vị trí (phiên bản mới nếu khác; phần còn lại của tiêu chuẩn giữ nguyên) /
        Set a position's required competencies (a new version when they differ; the rest of its standard stays)"""
        return set_position_competencies(position_id, data, current_principal().username)
