"""The province's planning rules (data: limits, eligibility, targets)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ...common.roles import HR_READERS, PROVINCE
from ..handlers.settings import put_rules, read_rules
from ..schemas.settings import RulesIn, RulesOut

blp = Blueprint("succession_settings", __name__, url_prefix="/api/v1/settings/succession",
                description="Quy định quy hoạch của tỉnh / The province's planning rules")


@blp.route("")
class SuccessionRules(MethodView):
    @requires(*HR_READERS)
    @blp.response(200, RulesOut)
    def get(self):
        """Giới hạn, điều kiện, tuổi nghỉ hưu, thời hạn kỷ luật, chỉ tiêu / limits, eligibility, ages, targets"""
        return read_rules()

    @requires(*PROVINCE)
    @blp.arguments(RulesIn)
    @blp.response(200, RulesOut)
    def put(self, data):
        """Đặt quy định quy hoạch (dữ liệu, không phải mã) / Set the planning rules"""
        return put_rules(current_principal(), data)
