"""HTTP contracts of period scores, the 360 breakdown and leaders' criteria đ and e."""
from marshmallow import ValidationError, fields, validate, validates_schema

from cadre_shared.schema_base import StrictSchema, period_code

from ..domain.scoring import shown


class Figure(fields.Float):
    """Shown to 2 decimals, half up (classification always uses the unrounded value)."""

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else shown(value)


class ScoreQuery(StrictSchema):
    period = period_code(required=True)


class UnitScoresQuery(StrictSchema):
    unit_id = fields.String(required=True, validate=validate.Length(min=1, max=64))


class GroupFigureOut(StrictSchema):
    raters = fields.Integer(metadata={"description": "Số người (người dân: số lượt) / raters (citizens: responses)"})
    mean = Figure(allow_none=True, metadata={"description": "Ẩn khi nhóm ẩn danh dưới 3 người / hidden under 3"})
    counted = fields.Boolean()
    weight = Figure()
    hidden = fields.Boolean()
    enough_raters = fields.Boolean(metadata={"description": (
        "false: chưa đủ người đánh giá (đồng nghiệp, cấp dưới cần 3) / not enough raters (peers, subordinates: 3)")})


class IndexOut(StrictSchema):
    name = fields.String()
    max_points = Figure()
    score = Figure(allow_none=True)
    points = Figure()
    groups = fields.Dict(keys=fields.String(), values=fields.Nested(GroupFigureOut))
    reports = fields.Integer(metadata={"description": (
        "Nhóm kỷ luật, liêm chính: số phản ánh của người dân được kết luận là đúng trong kỳ / "
        "integrity group: substantiated citizens' reports concluded in the period")})
    deduction = Figure(metadata={"description": "Điểm bị trừ vì các phản ánh đó (thang 10) / points they took off"})


class GeneralOut(StrictSchema):
    points = Figure()
    complete = fields.Boolean()
    normalised = fields.Boolean()
    indices = fields.Dict(keys=fields.String(), values=fields.Nested(IndexOut))


class CadreGeneralOut(GeneralOut):
    cadre_id = fields.String()
    period = fields.String()


class LeaderReasonsOut(StrictSchema):
    dd = fields.String(allow_none=True)
    e = fields.String(allow_none=True)


class PeriodScoreOut(StrictSchema):
    cadre_id = fields.String()
    unit_id = fields.String()
    task_group = fields.String(allow_none=True)
    period = fields.String()
    status = fields.String(metadata={"description": "provisional (kỳ đang mở) | final (đã khóa)"})
    is_leader = fields.Boolean()
    a = Figure()
    b = Figure()
    c = Figure()
    d = Figure()
    dd = Figure()
    e = Figure()
    task_points = Figure()
    general_points = Figure()
    total = Figure()
    level = fields.String()
    level_name = fields.String()
    override = fields.String(allow_none=True)
    leader_reasons = fields.Nested(LeaderReasonsOut)
    general = fields.Nested(GeneralOut)
    versions = fields.Nested(lambda: VersionsOut(), metadata={"description": "Khi đã chốt / once frozen"})
    computed_at = fields.DateTime()


class VersionsOut(StrictSchema):
    """The catalogue versions a frozen score used."""
    position_id = fields.String(allow_none=True)
    position_code = fields.String(allow_none=True)
    position_version = fields.Integer(allow_none=True)
    standard_version = fields.Integer(allow_none=True, metadata={"description": (
        "Tiêu chuẩn đi theo phiên bản vị trí / the standard is versioned with the position")})
    general_policy = fields.String(allow_none=True)
    general_policy_version = fields.Integer(allow_none=True)


class OpenPeriodOut(StrictSchema):
    period = fields.String()
    period_id = fields.String()
    status = fields.String()


class PeriodResultOut(PeriodScoreOut):
    period_id = fields.String()
    classification_status = fields.String(allow_none=True, metadata={"description": "proposed | approved"})
    final_level = fields.String(allow_none=True, metadata={"description": (
        "Xếp loại cuối cùng (cán bộ: khi đã phê duyệt) / final level (a cadre sees it once approved)")})
    percentile = fields.Float(allow_none=True)
    compared_with = fields.Integer(allow_none=True)


class ResultsOut(StrictSchema):
    cadre_id = fields.String()
    full_name = fields.String()
    periods = fields.List(fields.Nested(PeriodResultOut), metadata={"description": "Kỳ đã khóa, mới nhất trước"})
    open_periods = fields.List(fields.Nested(OpenPeriodOut), metadata={
        "description": "Kỳ đang mở (điểm tạm tính: /cadres/{id}/scores?period=) / open periods"})


class LeaderCriteriaIn(StrictSchema):
    period = period_code(required=True)
    unit_plan_on_time = fields.Boolean(required=True, metadata={
        "description": "đ: mọi nhiệm vụ theo kế hoạch của đơn vị đúng hạn, bảo đảm chất lượng"})
    unit_plan_reason = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=1, max=2000))
    unity = fields.Boolean(required=True, metadata={"description": "e: không có mất đoàn kết nội bộ"})
    unity_reason = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=1, max=2000))

    @validates_schema
    def reason_for_fifty(self, data, **_kwargs):
        missing = "Cần ghi rõ lý do khi chấm 50 / a reason is required for 50"
        problems = {}
        if data.get("unit_plan_on_time") is False and not (data.get("unit_plan_reason") or "").strip():
            problems["unit_plan_reason"] = [missing]
        if data.get("unity") is False and not (data.get("unity_reason") or "").strip():
            problems["unity_reason"] = [missing]
        if problems:
            raise ValidationError(problems)


class LeaderCriteriaOut(StrictSchema):
    cadre_id = fields.String()
    period = fields.String()
    recorded = fields.Boolean()
    unit_plan_on_time = fields.Boolean()
    unit_plan_reason = fields.String(allow_none=True)
    unity = fields.Boolean()
    unity_reason = fields.String(allow_none=True)
    recorded_by = fields.String(allow_none=True)
    recorded_at = fields.DateTime(allow_none=True)
