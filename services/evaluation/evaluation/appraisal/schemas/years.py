"""HTTP contracts of the year-end close and result (PRODUCT.md §3.2, §6)."""
from marshmallow import ValidationError, fields, validate, validates_schema

from cadre_shared.schema_base import StrictSchema

from .classification import ClassificationGroupOut
from .period_scores import Figure
from .periods import JobOut

YEAR = validate.Range(min=2000, max=2100)


class CloseYearIn(StrictSchema):
    confirm_open_quarters = fields.Boolean(load_default=False, metadata={"description": (
        "Vẫn khóa năm khi còn quý chưa khóa / close the year although a quarter is not closed")})


class YearQuery(StrictSchema):
    year = fields.Integer(required=True, strict=False, validate=YEAR)


class QuarterStateOut(StrictSchema):
    quarter = fields.Integer()
    closed = fields.Boolean()


class PeriodStateOut(StrictSchema):
    code = fields.String()
    status = fields.String()


class YearOut(StrictSchema):
    year = fields.Integer()
    status = fields.String(metadata={"description": "open | closing | closed"})
    closed_at = fields.DateTime(allow_none=True)
    closed_by = fields.String(allow_none=True)
    results = fields.Integer(allow_none=True, metadata={"description": "Số kết quả cuối năm / year-end results"})
    job = fields.Nested(JobOut, allow_none=True)
    open_quarters = fields.List(fields.Integer(), metadata={"description": (
        "Các quý chưa khóa khi HR xác nhận khóa năm / quarters not closed when HR confirmed")})
    quarters = fields.List(fields.Nested(QuarterStateOut))
    periods = fields.List(fields.Nested(PeriodStateOut))


class PeriodUsedOut(StrictSchema):
    code = fields.String()
    unit_id = fields.String()
    unit_name = fields.String(allow_none=True)
    total = Figure()


class QuarterUsedOut(StrictSchema):
    quarter = fields.Integer()
    total = Figure(metadata={"description": "Điểm quý (tháng: bình quân các tháng đã công tác) / the quarter's"})
    periods = fields.List(fields.String())


class YearResultOut(StrictSchema):
    year = fields.Integer()
    cadre_id = fields.String()
    full_name = fields.String()
    is_leader = fields.Boolean(metadata={"description": "Lãnh đạo: quý IV gộp vào kết quả cuối năm / Q4 folded"})
    status = fields.String(metadata={"description": "final (năm đã khóa) | provisional (tạm tính)"})
    unit_id = fields.String(metadata={"description": "Đơn vị xếp loại cuối năm / the unit classifying the year"})
    periods = fields.List(fields.Nested(PeriodUsedOut), metadata={"description": (
        "Các kỳ đã công tác, kể cả ở đơn vị trước khi luân chuyển / periods worked, previous units included")})
    quarters = fields.List(fields.Nested(QuarterUsedOut))
    mean = fields.Float(metadata={"description": "Bình quân không làm tròn (dùng để xếp loại) / unrounded mean"})
    mean_shown = Figure(metadata={"description": "Làm tròn 2 chữ số để hiển thị / for display"})
    level = fields.String(metadata={"description": "Xếp loại theo điểm: excellent | good | completed | not_completed"})
    override = fields.String(allow_none=True)
    final_level = fields.String(allow_none=True, metadata={"description": (
        "Sau quyết định giới hạn xuất sắc (cán bộ: khi đã phê duyệt) / after the quota decisions")})
    classification_status = fields.String(allow_none=True, metadata={"description": "proposed | approved"})
    percentile = fields.Float(allow_none=True, metadata={"description": (
        "So với cán bộ cùng mã vị trí toàn tỉnh (0–100) / against the same position code province-wide")})
    compared_with = fields.Integer(allow_none=True)


class YearUnitStateOut(StrictSchema):
    status = fields.String()
    cadres = fields.Integer()
    levels = fields.Dict(keys=fields.String(), values=fields.Integer())
    groups = fields.List(fields.Nested(ClassificationGroupOut))
    undecided = fields.List(fields.String(allow_none=True))
    leaders_not_completed = fields.Integer()
    approved_by = fields.String(allow_none=True)
    approved_at = fields.DateTime(allow_none=True)


class YearUnitOut(StrictSchema):
    unit_id = fields.String()
    unit_code = fields.String()
    unit_name = fields.String()
    classification = fields.Nested(YearUnitStateOut, allow_none=True)


class ComparisonQuery(StrictSchema):
    period = fields.String(load_default=None, validate=validate.Length(min=4, max=10), metadata={
        "description": "Mã kỳ đã khóa, ví dụ 2026-Q4 / a closed period's code"})
    year = fields.Integer(load_default=None, strict=False, validate=YEAR, metadata={
        "description": "Năm đã khóa (kết quả cuối năm) / a closed year"})

    @validates_schema
    def period_or_year(self, data, **_kwargs):
        if (data.get("period") is None) == (data.get("year") is None):
            raise ValidationError("Chọn một kỳ hoặc một năm / give a period or a year", "period")


class ComparisonOut(StrictSchema):
    cadre_id = fields.String()
    scope = fields.String(metadata={"description": "Mã kỳ hoặc năm / the period's or the year's code"})
    kind = fields.String(metadata={"description": "period | year"})
    position_code = fields.String(allow_none=True, metadata={"description": "Mã vị trí khi chốt điểm / position code"})
    total = fields.Float(metadata={"description": "Điểm của cán bộ (năm: bình quân), 2 chữ số / the cadre's total"})
    percentile = fields.Float(allow_none=True, metadata={"description": (
        "Tỷ lệ cán bộ cùng mã vị trí có điểm bằng hoặc thấp hơn (0–100) / share at or below, same position code")})
    compared_with = fields.Integer(allow_none=True)
    totals = fields.List(fields.Float(), metadata={"description": (
        "Điểm của mọi cán bộ cùng mã vị trí toàn tỉnh, tăng dần, không kèm tên / every total of the position "
        "code province-wide, ascending, without names")})
