"""HTTP contract of the resolution targets scorecard."""
from marshmallow import fields

from cadre_shared.schema_base import StrictSchema, period_code

from ..common.schemas import ID


class ScorecardQuery(StrictSchema):
    unit_id = fields.String(validate=ID, metadata={"description": "Một đơn vị (mặc định: cả tỉnh) / one unit"})
    period = period_code(metadata={"description": "Kỳ đã khóa (mặc định: kỳ khóa gần nhất) / closed period"})


class FigureOut(StrictSchema):
    key = fields.String()
    name = fields.String()
    kind = fields.String(metadata={"description": "share: tỷ lệ 0–1; count: số người / a share or a head count"})
    value = fields.Float(allow_none=True)
    numerator = fields.Integer()
    denominator = fields.Integer()
    target = fields.Float()
    comparison = fields.String()
    target_text = fields.String()
    met = fields.Boolean(allow_none=True, metadata={"description": "null: chưa đủ dữ liệu / not enough data"})
    note = fields.String(allow_none=True)


class ClassificationSummaryOut(StrictSchema):
    units = fields.Integer()
    approved_units = fields.Integer(metadata={"description": "Đơn vị đã được phê duyệt xếp loại / units approved"})
    levels = fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={
        "description": "Số cán bộ theo xếp loại cuối cùng đã phê duyệt / cadres per approved final level"})


class UnitScorecardOut(StrictSchema):
    unit_id = fields.String()
    code = fields.String()
    name = fields.String()
    figures = fields.List(fields.Nested(FigureOut))
    classification = fields.Nested(ClassificationSummaryOut)


class ScorecardOut(StrictSchema):
    period = fields.String(allow_none=True)
    province = fields.List(fields.Nested(FigureOut), allow_none=True,
                           metadata={"description": "Toàn tỉnh (chỉ khi xem cả tỉnh) / province-wide figures"})
    units = fields.List(fields.Nested(UnitScorecardOut))
    classification = fields.Nested(ClassificationSummaryOut, metadata={
        "description": "Xếp loại đã phê duyệt của kỳ trong phạm vi / the period's approved classification in scope"})
