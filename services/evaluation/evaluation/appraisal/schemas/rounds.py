"""HTTP contracts of the 360 round as HR runs it: progress per unit, reminders, the assignment
and its adjustments (PRODUCT.md §3.2, issue 12)."""
from marshmallow import fields, validate, validates_schema, ValidationError

from cadre_shared.schema_base import StrictSchema

from ...common.schemas import ID, text
from ..domain.assignment import ADJUSTABLE_GROUPS


class UnitQuery(StrictSchema):
    unit_id = fields.String(required=True, validate=ID)


class RoundUnitIn(StrictSchema):
    unit_id = fields.String(required=True, validate=ID)


class GroupCountOut(StrictSchema):
    answered = fields.Integer()
    expected = fields.Integer()


class ProgressOut(StrictSchema):
    period = fields.String()
    unit_id = fields.String()
    groups = fields.Dict(keys=fields.String(), values=fields.Nested(GroupCountOut), metadata={
        "description": "Theo nhóm: self, leader, subordinate, peer — số phiếu đã trả lời / số được giao (không bao giờ "
                       "cho biết ai đã trả lời) / per group, answered of expected (never who)"})
    raters = fields.Integer(metadata={"description": "Số người được giao đánh giá / raters"})
    raters_finished = fields.Integer(metadata={"description": "Số người đã đánh giá đủ (chỉ khi đếm lại) / finished"})
    cadres = fields.Integer(metadata={"description": "Cán bộ đang công tác / serving cadres"})
    cadres_with_tasks = fields.Integer()
    tasks = fields.Integer()
    tasks_completed = fields.Integer()
    counted_at = fields.DateTime(allow_none=True, metadata={"description": "Lần đếm chính xác gần nhất / last exact count"})
    notified_at = fields.DateTime(allow_none=True)
    reminders = fields.Integer()
    last_reminded_at = fields.DateTime(allow_none=True)


class ClassificationStateOut(StrictSchema):
    status = fields.String(metadata={"description": "proposed | approved"})
    cadres = fields.Integer()
    undecided = fields.List(fields.String(allow_none=True), metadata={
        "description": "Nhóm vượt giới hạn chưa quyết định / task groups whose violation is undecided"})
    excellent_proposed = fields.Integer()
    approved_at = fields.DateTime(allow_none=True)
    excellent_ratio = fields.Float()


class UnitRowOut(ProgressOut):
    unit_code = fields.String()
    unit_name = fields.String()
    classification = fields.Nested(ClassificationStateOut, allow_none=True, metadata={
        "description": "Sau khi khóa kỳ / once the period is closed"})


class ReminderOut(StrictSchema):
    period = fields.String()
    unit_id = fields.String()
    reminded = fields.Integer(metadata={"description": "Số người được nhắc (chưa đánh giá đủ) / raters reminded"})
    reminder = fields.Integer(metadata={"description": "Lần nhắc thứ / reminder number"})
    reminded_at = fields.DateTime()


class MemberOut(StrictSchema):
    cadre_id = fields.String()
    code = fields.String()
    full_name = fields.String()
    department_code = fields.String(allow_none=True)
    department_name = fields.String(allow_none=True)
    position_title = fields.String(allow_none=True)
    leadership = fields.String(metadata={"description": "none | department_head | department_deputy | unit_chief | "
                                                        "unit_deputy (từ vị trí việc làm / from the position)"})
    leadership_name = fields.String(allow_none=True)
    is_leader = fields.Boolean()
    reports_to = fields.String(allow_none=True, metadata={"description": "Lãnh đạo trực tiếp do bộ phận tổ chức chỉ "
                                                                         "định / the direct leader HR named"})
    direct_leaders = fields.List(fields.String(), metadata={"description": "Lãnh đạo trực tiếp / direct leaders"})


class PairOut(StrictSchema):
    rater_id = fields.String()
    ratee_id = fields.String()
    group = fields.String()
    source = fields.String(metadata={"description": "organisation (theo tổ chức) | adjustment (điều chỉnh)"})


class AdjustmentOut(StrictSchema):
    id = fields.String()
    action = fields.String()
    rater_id = fields.String()
    ratee_id = fields.String()
    group = fields.String(allow_none=True)
    reason = fields.String()
    by = fields.String()
    at = fields.DateTime()


class AssignmentOut(StrictSchema):
    period = fields.String()
    unit_id = fields.String()
    editable = fields.Boolean()
    members = fields.List(fields.Nested(MemberOut))
    pairs = fields.List(fields.Nested(PairOut), metadata={"description": "Ai đánh giá ai, với tư cách gì / who rates "
                                                                        "whom, as which group"})
    adjustments = fields.List(fields.Nested(AdjustmentOut), metadata={"description": "Theo thứ tự / in order made"})


class AdjustmentIn(StrictSchema):
    unit_id = fields.String(required=True, validate=ID)
    action = fields.String(required=True, validate=validate.OneOf(("add", "remove")))
    rater_id = fields.String(required=True, validate=ID)
    ratee_id = fields.String(required=True, validate=ID)
    group = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(ADJUSTABLE_GROUPS))
    reason = text(500)

    @validates_schema
    def group_to_add(self, data, **_kwargs):
        if data.get("action") == "add" and not data.get("group"):
            raise ValidationError("Chọn nhóm khi thêm / choose the group to add", "group")
