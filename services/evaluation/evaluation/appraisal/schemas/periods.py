"""HTTP contracts of evaluation periods (PRODUCT.md §5)."""
from marshmallow import ValidationError, fields, validate, validates_schema

from cadre_shared.schema_base import StrictSchema

STATUSES = ("open", "closing", "closed")


class PeriodIn(StrictSchema):
    year = fields.Integer(required=True, strict=True, validate=validate.Range(min=2000, max=2100))
    quarter = fields.Integer(load_default=None, allow_none=True, strict=True, validate=validate.Range(min=1, max=4))
    month = fields.Integer(load_default=None, allow_none=True, strict=True, validate=validate.Range(min=1, max=12))
    rating_due_on = fields.Date(load_default=None, allow_none=True, metadata={
        "description": "Hạn đánh giá 360, trong kỳ (mặc định: ngày cuối kỳ) / 360 ratings due (default: the last day)"})

    @validates_schema
    def quarter_or_month(self, data, **_kwargs):
        if data.get("quarter") is None and data.get("month") is None:
            raise ValidationError("Chọn quý hoặc tháng / give a quarter or a month", "quarter")
        if data.get("quarter") is not None and data.get("month") is not None:
            raise ValidationError("Chỉ chọn quý hoặc tháng, không cả hai / a quarter or a month, not both", "month")


class JobOut(StrictSchema):
    id = fields.String()
    kind = fields.String(metadata={"description": "open (báo người đánh giá) | close (khóa kỳ)"})
    status = fields.String(metadata={"description": "queued | running | done | failed"})
    done = fields.Integer(metadata={"description": "Số đơn vị đã xong / units done"})
    total = fields.Integer(allow_none=True, metadata={"description": "Tổng số đơn vị / units in all"})
    queued_at = fields.DateTime(allow_none=True)
    started_at = fields.DateTime(allow_none=True)
    finished_at = fields.DateTime(allow_none=True)
    error = fields.String(allow_none=True)


class PeriodOut(StrictSchema):
    id = fields.String()
    code = fields.String()
    kind = fields.String()
    year = fields.Integer()
    quarter = fields.Integer(allow_none=True)
    month = fields.Integer(allow_none=True)
    starts_on = fields.Date()
    ends_on = fields.Date()
    rating_due_on = fields.Date(allow_none=True)
    status = fields.String(metadata={"description": "open | closing | closed"})
    created_at = fields.DateTime()
    closed_at = fields.DateTime(allow_none=True)
    closed_by = fields.String(allow_none=True)
    scores = fields.Integer(allow_none=True, metadata={"description": "Số điểm đã chốt khi khóa kỳ / scores frozen"})
    job = fields.Nested(JobOut, allow_none=True, metadata={"description": (
        "Việc chạy nền của kỳ (thông báo khi mở, khóa kỳ); trang kỳ hỏi lại đến khi status là done / the period's "
        "background job (opening notices, closing): poll until done")})


class PeriodQuery(StrictSchema):
    year = fields.Integer(validate=validate.Range(min=2000, max=2100))
    status = fields.String(validate=validate.OneOf(STATUSES))
