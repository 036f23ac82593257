"""HTTP contracts of citizens' reports (PRODUCT.md §6)."""
from marshmallow import ValidationError, fields, validate, validates

from cadre_shared.clock import today
from cadre_shared.schema_base import StrictSchema

from ..domain.reports import CHANNELS

_id = validate.Length(min=1, max=64)


class ReportIn(StrictSchema):
    cadre_id = fields.String(required=True, validate=_id)
    what = fields.String(required=True, validate=validate.Length(min=10, max=4000), metadata={
        "description": "Sự việc: điều gì đã xảy ra / what happened"})
    happened_on = fields.Date(load_default=None, allow_none=True, metadata={"description": "ISO 8601"})
    where = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=300))
    contact = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=300), metadata={
        "description": "Không bắt buộc; được mã hóa, chỉ Ủy ban kiểm tra xem được / optional; encrypted, "
                       "seen only by the inspection"})
    channel = fields.String(load_default="web", validate=validate.OneOf(CHANNELS))

    @validates("happened_on")
    def _not_ahead(self, value, **_kwargs):
        if value and value > today():
            raise ValidationError("Ngày xảy ra không thể sau hôm nay / cannot be in the future")


class ReportFiled(StrictSchema):
    reference = fields.String(metadata={"description": "Mã theo dõi / the reference to follow the case"})
    status = fields.String()


class ReportStatusOut(StrictSchema):
    reference = fields.String()
    status = fields.String(metadata={"description": "received | concluded"})
    received_on = fields.Date()
    concluded_on = fields.String(allow_none=True)
    substantiated = fields.Boolean(allow_none=True)


class ConclusionOut(StrictSchema):
    substantiated = fields.Boolean()
    note = fields.String()
    by = fields.String()
    at = fields.DateTime()
    concluded_on = fields.String()


class ReportOut(StrictSchema):
    id = fields.String()
    reference = fields.String()
    cadre_id = fields.String()
    cadre_name = fields.String(allow_none=True)
    unit_id = fields.String()
    unit_name = fields.String(allow_none=True)
    what = fields.String()
    where = fields.String(allow_none=True)
    happened_on = fields.String(allow_none=True)
    channel = fields.String()
    status = fields.String()
    received_at = fields.DateTime()
    conclusion = fields.Nested(ConclusionOut, allow_none=True)
    contact = fields.String(allow_none=True, metadata={"description": "Chỉ Ủy ban kiểm tra / the inspection only"})


class ReportQuery(StrictSchema):
    status = fields.String(validate=validate.OneOf(["received", "concluded"]))
    cadre_id = fields.String(validate=_id)
    unit_id = fields.String(validate=_id)
    page = fields.Integer(load_default=1, validate=validate.Range(min=1))
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class ConclusionIn(StrictSchema):
    substantiated = fields.Boolean(required=True)
    note = fields.String(required=True, validate=validate.Length(min=1, max=2000))


class PublicUnitOut(StrictSchema):
    unit_id = fields.String()
    name = fields.String(allow_none=True)


class PublicOfficialOut(StrictSchema):
    cadre_id = fields.String()
    full_name = fields.String(allow_none=True)


class OfficialsQuery(StrictSchema):
    unit_id = fields.String(required=True, validate=_id)
