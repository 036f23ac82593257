"""A unit's classification in a closed period (PRODUCT.md §6), its quota decisions and approval,
and the province's excellent-ratio setting."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ...common.roles import HR_READERS, MANAGERS, PROVINCE, READERS
from ..handlers import classification, settings
from ..handlers.scopes import period_scope
from ..schemas.classification import (ApproveIn, ClassificationOut, ClassificationQuery, ClassificationSettingIn,
                                      ClassificationSettingOut, DecisionIn, ClassificationGroupOut)

blp = Blueprint("classification", __name__, url_prefix="/api/v1",
                description="Xếp loại theo đơn vị: đề xuất, quyết định, phê duyệt, công bố / Classification per unit")


@blp.route("/periods/<period_id>/classification")
class Classification(MethodView):
    @requires(*READERS)
    @blp.arguments(ClassificationQuery, location="query")
    @blp.response(200, ClassificationOut)
    def get(self, query, period_id):
        """Đề xuất xếp loại của đơn vị (lập khi khóa kỳ): các nhóm nhiệm vụ với giới hạn xuất sắc, từng cán bộ với
        tổng điểm, xếp loại theo điểm và cuối cùng, lý do, phân vị. Cán bộ của đơn vị xem được khi đã phê duyệt
        (trước đó 403); đơn vị khác 404; kỳ chưa khóa 409 / The unit's classification; its cadres read it once
        approved (403 before), other units 404"""
        return classification.read_classification(current_principal(), period_scope(period_id),
                                                  query.get("unit_id"))


@blp.route("/periods/<period_id>/classification/decisions")
class Decisions(MethodView):
    @requires(*MANAGERS)
    @blp.arguments(DecisionIn)
    @blp.response(200, ClassificationGroupOut)
    def post(self, data, period_id):
        """Quyết định của đơn vị với một nhóm nhiệm vụ: những ai giữ xuất sắc (tối đa `allowed_excellent`, trong số
        đề xuất xuất sắc của nhóm); người còn lại thành hoàn thành tốt. 422 khi vượt số hoặc nêu người không phải đề
        xuất xuất sắc của nhóm; đã phê duyệt: 409 / Who stays excellent in a task group; the others become good"""
        return classification.decide(current_principal(), period_scope(period_id), data)


@blp.route("/periods/<period_id>/classification/approve")
class Approve(MethodView):
    @requires(*PROVINCE)
    @blp.arguments(ApproveIn)
    @blp.response(200, ClassificationOut)
    def post(self, data, period_id):
        """Phê duyệt (thay mặt cấp có thẩm quyền), là quyết định cuối cùng: công bố cho cán bộ của đơn vị kèm thông báo
        classification_published. 409 khi còn nhóm vượt giới hạn chưa quyết định hoặc đã phê duyệt / Approve (final)
        and publish to the unit's cadres; 409 while a violation is undecided"""
        return classification.approve(current_principal(), period_scope(period_id), data["unit_id"])


@blp.route("/settings/classification")
class ClassificationSetting(MethodView):
    @requires(*HR_READERS)
    @blp.response(200, ClassificationSettingOut)
    def get(self):
        """Tỷ lệ xuất sắc tối đa của tỉnh (mặc định 0,2) / The province's excellent ratio (default 0.2)"""
        return settings.classification_view()

    @requires(*PROVINCE)
    @blp.arguments(ClassificationSettingIn)
    @blp.response(200, ClassificationSettingOut)
    def put(self, data):
        """Đặt tỷ lệ xuất sắc tối đa so với số hoàn thành tốt; áp dụng cho các kỳ khóa từ nay / Set the ratio; it
        applies to periods closed from now on"""
        return settings.put_classification(current_principal(), data)
