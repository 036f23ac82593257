"""Resolution targets scorecard (bảng theo dõi chỉ tiêu nghị quyết, PRODUCT §3.6)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ..common.roles import HR_READERS
from .handlers import unit_scorecards
from .schemas import ScorecardOut, ScorecardQuery

blp = Blueprint("scorecard", __name__, url_prefix="/api/v1/scorecard",
                description="Chỉ tiêu nghị quyết theo đơn vị và toàn tỉnh / Resolution targets per unit and province")


@blp.route("")
class Scorecard(MethodView):
    @requires(*HR_READERS)
    @blp.arguments(ScorecardQuery, location="query")
    @blp.response(200, ScorecardOut)
    def get(self, query):
        """Từng chỉ tiêu theo đơn vị và toàn tỉnh, bên cạnh mục tiêu (cán bộ đơn vị: đơn vị mình) /
        Each target per unit and for the province, with the target beside it"""
        return unit_scorecards(current_principal(), query)
