"""HTTP contracts of plans, candidates and their development (PRODUCT.md §6)."""
from marshmallow import ValidationError, fields, validate, validates_schema

from cadre_shared.schema_base import StrictSchema

from ...common.schemas import CODE, ID, text

DATE = {"description": "ISO 8601 (yyyy-mm-dd)"}


class PlanIn(StrictSchema):
    term = fields.String(required=True, validate=validate.Regexp(r"^\d{4}-\d{4}$", error=(
        "Nhiệm kỳ dạng 2030-2035 / a term like 2030-2035")), metadata={"description": "Nhiệm kỳ / term, 2030-2035"})


class PlanOut(StrictSchema):
    id = fields.String()
    term = fields.String()
    start_year = fields.Integer()
    end_year = fields.Integer()
    created_by = fields.String()
    created_at = fields.DateTime()


class RotationIn(StrictSchema):
    unit_id = fields.String(required=True, validate=ID, metadata={"description": "Đơn vị luân chuyển đến / to"})
    goal = text(500, metadata={"description": "Mục tiêu rèn luyện / what it should teach"})
    from_on = fields.Date(load_default=None, allow_none=True, metadata=DATE)
    until_on = fields.Date(load_default=None, allow_none=True, metadata=DATE)

    @validates_schema
    def _order(self, data, **_kwargs):
        if data.get("from_on") and data.get("until_on") and data["until_on"] < data["from_on"]:
            raise ValidationError({"until_on": ["Ngày kết thúc trước ngày bắt đầu / ends before it starts"]})


class DevelopmentFields(StrictSchema):
    courses = fields.List(fields.String(validate=CODE), load_default=list, validate=validate.Length(max=20),
                          metadata={"description": "Mã khóa học bắt buộc (vào kế hoạch bồi dưỡng) / required courses"})
    standard_met_by = fields.Date(load_default=None, allow_none=True, metadata={
        **DATE, "description": "Hạn đạt tiêu chuẩn chức danh theo kế hoạch bồi dưỡng / date to meet the standard"})
    rotation = fields.Nested(RotationIn, load_default=None, allow_none=True)


class CandidateIn(DevelopmentFields):
    unit_id = fields.String(required=True, validate=ID)
    position_id = fields.String(required=True, validate=ID)
    cadre_id = fields.String(required=True, validate=ID)
    reason = text(1000, metadata={"description": "Lý do đưa vào quy hoạch / why"})
    override_reason = text(1000, required=False, metadata={
        "description": "Lý do vẫn đưa vào khi chưa đủ điều kiện (được ghi lại) / why, though not eligible"})


class DevelopmentIn(DevelopmentFields):
    note = text(1000, required=False)


class RemoveIn(StrictSchema):
    reason = text(1000, metadata={"description": "Lý do đưa ra khỏi quy hoạch / why"})


class CandidateCreated(StrictSchema):
    id = fields.String()
    cadre_id = fields.String()
    unit_id = fields.String()
    position_id = fields.String()
    eligible = fields.Boolean()
    problems = fields.List(fields.String())
    notes = fields.List(fields.String())
    warnings = fields.List(fields.String(), metadata={"description": (
        "Phản ánh được kết luận đúng, kết quả tín nhiệm thấp / substantiated reports, low confidence")})
    override_reason = fields.String(allow_none=True)


class RotationOut(StrictSchema):
    unit_id = fields.String()
    goal = fields.String()
    from_on = fields.String(allow_none=True)
    until_on = fields.String(allow_none=True)


class EntryOut(StrictSchema):
    id = fields.String()
    cadre_id = fields.String()
    unit_id = fields.String()
    position_id = fields.String()
    status = fields.String()
    reason = fields.String()
    override_reason = fields.String(allow_none=True)
    removed_reason = fields.String(allow_none=True)
    courses = fields.List(fields.String())
    standard_met_by = fields.String(allow_none=True)
    rotation = fields.Nested(RotationOut, allow_none=True)
    version = fields.Integer()


class CandidateOut(StrictSchema):
    id = fields.String()
    cadre_id = fields.String()
    full_name = fields.String(allow_none=True)
    code = fields.String(allow_none=True)
    home_unit_id = fields.String(allow_none=True, metadata={"description": "Đơn vị đang công tác / where they serve"})
    gender = fields.String(allow_none=True)
    birth_year = fields.Integer(allow_none=True)
    eligible = fields.Boolean()
    problems = fields.List(fields.String())
    notes = fields.List(fields.String())
    warnings = fields.List(fields.String())
    trained = fields.Boolean(metadata={"description": "Đã được đào tạo theo chức danh / trained for the title"})
    reason = fields.String()
    override_reason = fields.String(allow_none=True)
    added_by = fields.String()
    added_at = fields.DateTime()
    courses = fields.List(fields.String())
    standard_met_by = fields.String(allow_none=True)
    rotation = fields.Nested(RotationOut, allow_none=True)


class TitleOut(StrictSchema):
    unit_id = fields.String()
    unit_name = fields.String(allow_none=True)
    position_id = fields.String()
    title = fields.String(allow_none=True)
    key_title = fields.String(allow_none=True)
    count = fields.Integer()
    min = fields.Integer()
    max = fields.Integer()
    short_by = fields.Integer(metadata={"description": "Còn thiếu so với tối thiểu / short of the minimum by"})
    candidates = fields.List(fields.Nested(CandidateOut))


class ShareOut(StrictSchema):
    count = fields.Integer()
    share = fields.Float(allow_none=True)
    target = fields.Float()
    met = fields.Boolean(allow_none=True)


class SharesOut(StrictSchema):
    planned = fields.Integer()
    women = fields.Nested(ShareOut)
    young = fields.Nested(ShareOut)
    trained = fields.Nested(ShareOut)


class PlanViewOut(StrictSchema):
    id = fields.String()
    term = fields.String()
    unit_id = fields.String(allow_none=True)
    titles = fields.List(fields.Nested(TitleOut))
    shares = fields.Nested(SharesOut)


class PlanQuery(StrictSchema):
    unit_id = fields.String(validate=ID)


class UnitSummaryOut(StrictSchema):
    unit_id = fields.String()
    unit_name = fields.String(allow_none=True)
    titles = fields.Integer()
    titles_short = fields.Integer()
    shares = fields.Nested(SharesOut)


class SummaryOut(StrictSchema):
    id = fields.String()
    term = fields.String()
    targets = fields.Dict(keys=fields.String(), values=fields.Float())
    young_age = fields.Integer()
    province = fields.Nested(SharesOut)
    units = fields.List(fields.Nested(UnitSummaryOut))


class HistoryOut(StrictSchema):
    at = fields.DateTime()
    year = fields.Integer()
    action = fields.String(metadata={"description": "added | removed | development"})
    entry_id = fields.String()
    cadre_id = fields.String()
    unit_id = fields.String()
    position_id = fields.String()
    reason = fields.String(allow_none=True)
    by = fields.String()
