"""HTTP contracts of the satisfaction indices (PRODUCT.md §5)."""
from marshmallow import ValidationError, fields, validate, validates_schema

from cadre_shared.schema_base import SatisfactionIndexOut, StrictSchema, period_code

_id = validate.Length(min=1, max=64)
_period = period_code(required=True)


class IndexQuery(StrictSchema):
    cadre_id = fields.String(validate=_id)
    unit_id = fields.String(validate=_id)
    procedure_code = fields.String(validate=validate.Length(min=1, max=40))
    period = _period

    @validates_schema
    def _one_scope(self, data, **_kwargs):
        if data.get("cadre_id") and (data.get("unit_id") or data.get("procedure_code")):
            raise ValidationError("Chỉ chọn cán bộ, hoặc đơn vị/thủ tục / give cadre_id, or unit_id and/or "
                                  "procedure_code", "cadre_id")


class BreakdownQuery(StrictSchema):
    unit_id = fields.String(validate=_id)
    period = _period
    by = fields.String(load_default="cadre", validate=validate.OneOf(["cadre", "procedure"]))


class TrendQuery(StrictSchema):
    cadre_id = fields.String(validate=_id)
    unit_id = fields.String(validate=_id)
    period = _period
    count = fields.Integer(load_default=4, validate=validate.Range(min=1, max=24))


class IndexOut(SatisfactionIndexOut):
    period = fields.String()
    cadre_id = fields.String(allow_none=True)
    unit_id = fields.String(allow_none=True)
    procedure_code = fields.String(allow_none=True)
    held_as_suspect = fields.Integer()


class BreakdownRow(IndexOut):
    key = fields.String()
    name = fields.String(allow_none=True)


class BreakdownOut(StrictSchema):
    period = fields.String()
    unit_id = fields.String(allow_none=True)
    by = fields.String()
    items = fields.List(fields.Nested(BreakdownRow))


class TrendOut(StrictSchema):
    cadre_id = fields.String(allow_none=True)
    unit_id = fields.String(allow_none=True)
    items = fields.List(fields.Nested(IndexOut))
