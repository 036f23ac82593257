"""HTTP contracts of a unit's classification, its decisions and approval, the province's quota
setting and the exports (PRODUCT.md §6)."""
from marshmallow import ValidationError, fields, validate, validates_schema

from cadre_shared.schema_base import StrictSchema, period_code

from ...common.schemas import ID
from .period_scores import Figure


class ClassificationQuery(StrictSchema):
    unit_id = fields.String(validate=ID, metadata={"description": (
        "Đơn vị (bỏ trống: đơn vị của người hỏi) / the unit (default: the caller's)")})


class ClassificationGroupOut(StrictSchema):
    task_group = fields.String(allow_none=True)
    good = fields.Integer()
    excellent = fields.Integer()
    allowed_excellent = fields.Integer()
    violation = fields.Boolean(metadata={"description": "Vượt giới hạn và chưa quyết định / over the limit, undecided"})
    keep_excellent = fields.List(fields.String(), metadata={"description": "Đề xuất giữ xuất sắc (điểm cao trước) hoặc "
                                                                           "quyết định / proposed or decided"})
    to_review = fields.List(fields.String(), metadata={"description": "Bằng điểm tại ngưỡng: người có thẩm quyền "
                                                                      "quyết định / a tie at the cut"})
    decided = fields.Boolean()
    decided_by = fields.String(allow_none=True)
    decided_at = fields.DateTime(allow_none=True)


class ClassifiedCadreOut(StrictSchema):
    cadre_id = fields.String()
    full_name = fields.String()
    position_id = fields.String(allow_none=True)
    position_code = fields.String(allow_none=True)
    task_group = fields.String(allow_none=True)
    total = Figure()
    score_level = fields.String(metadata={"description": "Xếp loại theo điểm (mã) / level from the score (code)"})
    final_level = fields.String(metadata={"description": "Xếp loại cuối cùng sau quyết định / after the decisions"})
    override = fields.String(allow_none=True, metadata={"description": (
        "Lý do buộc Không hoàn thành (mã): degradation_conclusion | discipline_reprimand_or_heavier | "
        "unit_corruption_case")})
    percentile = fields.Float(allow_none=True, metadata={"description": (
        "0–100: tỷ lệ cán bộ cùng mã vị trí toàn tỉnh có điểm bằng hoặc thấp hơn / share at or below")})
    compared_with = fields.Integer(allow_none=True, metadata={"description": "Số cán bộ cùng mã vị trí toàn tỉnh"})


class ClassificationOut(StrictSchema):
    period = fields.String()
    period_id = fields.String()
    unit_id = fields.String()
    unit_name = fields.String(allow_none=True)
    status = fields.String(metadata={"description": "proposed | approved"})
    approved_by = fields.String(allow_none=True)
    approved_at = fields.DateTime(allow_none=True)
    excellent_ratio = fields.Float()
    undecided = fields.List(fields.String(allow_none=True))
    groups = fields.List(fields.Nested(ClassificationGroupOut))
    cadres = fields.List(fields.Nested(ClassifiedCadreOut), metadata={"description": "Điểm cao trước / highest first"})
    folded_into_year = fields.List(fields.String(), metadata={"description": (
        "Lãnh đạo không đề xuất riêng quý IV: kết quả cuối năm thay thế / leaders whose Q4 is not proposed "
        "separately: the year-end result takes its place")})


class DecisionIn(StrictSchema):
    unit_id = fields.String(required=True, validate=ID)
    task_group = fields.String(required=True, allow_none=True, validate=validate.Length(max=80))
    keep_excellent = fields.List(fields.String(validate=ID), required=True, validate=validate.Length(max=2000))


class ApproveIn(StrictSchema):
    unit_id = fields.String(required=True, validate=ID)


class ClassificationSettingIn(StrictSchema):
    excellent_ratio = fields.Decimal(required=True, as_string=False, places=None, validate=validate.Range(min=0, max=1),
                                     metadata={"description": "Tỷ lệ xuất sắc tối đa so với số hoàn thành tốt (mặc "
                                                              "định 0,2) / excellent at most this share of good"})


class ClassificationSettingOut(StrictSchema):
    excellent_ratio = fields.Float()
    stored = fields.Boolean(metadata={"description": "false: mặc định của hệ thống / the service's default"})
    updated_by = fields.String(allow_none=True)
    updated_at = fields.DateTime(allow_none=True)


class ExportQuery(StrictSchema):
    period = period_code(metadata={"description": "Kỳ (2026-Q4, 2026-11) / a period"})
    year = fields.Integer(validate=validate.Range(min=2000, max=2100), metadata={
        "description": "Hoặc một năm: kết quả cuối năm / or a year: the year-end result"})
    unit_id = fields.String(validate=ID)

    @validates_schema
    def period_or_year(self, data, **_kwargs):
        if (data.get("period") is None) == (data.get("year") is None):
            raise ValidationError("Chọn một kỳ hoặc một năm / give a period or a year", "period")
