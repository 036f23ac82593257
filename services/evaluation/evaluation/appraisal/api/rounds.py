"""The 360 round as HR runs it: the period page's units, one unit's exact progress, reminders, and
the unit's assignment (who rates whom) with HR's adjustments."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ...common.roles import HR_READERS, MANAGERS
from ..handlers import assignments, overview, progress, reminders
from ..handlers.periods import find_period
from ..schemas.rounds import (AdjustmentIn, AssignmentOut, ProgressOut, ReminderOut, RoundUnitIn, UnitQuery, UnitRowOut)

blp = Blueprint("round", __name__, url_prefix="/api/v1/periods",
                description="Vòng đánh giá 360 theo đơn vị: tiến độ, nhắc, phân công / The 360 round per unit")


@blp.route("/<period_id>/units")
class PeriodUnits(MethodView):
    @requires(*HR_READERS)
    @blp.response(200, UnitRowOut(many=True))
    def get(self, period_id):
        """Bảng của trang kỳ: mỗi đơn vị trong phạm vi với tiến độ (số phiếu đã trả lời / được giao theo nhóm, nhiệm
        vụ đã giao / hoàn thành) và, khi kỳ đã khóa, trạng thái xếp loại. Tiến độ theo lần đếm gần nhất cộng các
        phiếu gửi sau đó / The period page's table: each unit in scope with its progress and, once closed, its
        classification's state"""
        return overview.period_units(current_principal(), find_period(period_id))


@blp.route("/<period_id>/progress")
class UnitProgress(MethodView):
    @requires(*HR_READERS)
    @blp.arguments(UnitQuery, location="query")
    @blp.response(200, ProgressOut)
    def get(self, query, period_id):
        """Tiến độ chính xác của một đơn vị (đếm lại ngay): đã trả lời / được giao theo nhóm, số người đã đánh giá
        đủ, nhiệm vụ; không bao giờ cho biết ai đã trả lời gì / One unit's exact progress, never who answered what"""
        return progress.unit_progress(current_principal(), find_period(period_id), query["unit_id"])


@blp.route("/<period_id>/reminders")
class Reminders(MethodView):
    @requires(*MANAGERS)
    @blp.arguments(RoundUnitIn)
    @blp.response(200, ReminderOut)
    def post(self, data, period_id):
        """Nhắc những người chưa đánh giá đủ trong đơn vị (thông báo rating_reminder, mỗi lần nhắc một thông báo mới;
        kỳ đã khóa: 409) / Remind the unit's raters who have not finished (a new notification each time)"""
        return reminders.remind(current_principal(), find_period(period_id), data["unit_id"])


@blp.route("/<period_id>/assignments")
class Assignments(MethodView):
    @requires(*HR_READERS)
    @blp.arguments(UnitQuery, location="query")
    @blp.response(200, AssignmentOut)
    def get(self, query, period_id):
        """Phân công đánh giá 360 của đơn vị trong kỳ: thành viên (phòng, ban, lãnh đạo trực tiếp), các cặp người
        đánh giá — người được đánh giá với nhóm và nguồn (theo tổ chức / điều chỉnh), các điều chỉnh /
        The unit's 360 assignment: members, pairs with their group and source, HR's adjustments"""
        return assignments.unit_assignment(current_principal(), find_period(period_id), query["unit_id"])

    @requires(*MANAGERS)
    @blp.arguments(AdjustmentIn)
    @blp.response(201, AssignmentOut)
    def post(self, data, period_id):
        """Điều chỉnh phân công: thêm một cặp với nhóm (leader, peer, subordinate) hoặc bỏ một cặp, kèm lý do; áp
        dụng từ lúc điều chỉnh (phiếu đã gửi trước đó giữ nguyên); kỳ đã khóa: 409 / Add or remove a pair, with a
        reason; applies from now on"""
        return assignments.adjust(current_principal(), find_period(period_id), data)
