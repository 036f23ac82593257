"""HTTP contracts for HR: responses with their comments, the suspect queue, review decisions."""
from marshmallow import fields, validate

from cadre_shared.schema_base import StrictSchema, period_code

_id = validate.Length(min=1, max=64)


class ResponseQuery(StrictSchema):
    unit_id = fields.String(validate=_id)
    cadre_id = fields.String(validate=_id)
    period = period_code()
    overall = fields.String(validate=validate.OneOf(["very_satisfied", "satisfied", "dissatisfied"]))
    with_comment = fields.Boolean(load_default=False)
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class SuspectQuery(StrictSchema):
    unit_id = fields.String(validate=_id)
    status = fields.String(load_default="pending", validate=validate.OneOf(["pending", "cleared", "rejected"]))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class ReviewIn(StrictSchema):
    decision = fields.String(required=True, validate=validate.OneOf(
        ["clear", "reject"], error="Quyết định là clear (tính) hoặc reject (loại) / decision is clear or reject"))
    note = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=500))


class ResponseItem(StrictSchema):
    response_id = fields.String()
    answered_at = fields.DateTime()
    unit_id = fields.String()
    cadre_id = fields.String()
    cadre_name = fields.String(allow_none=True)
    channel = fields.String()
    procedure_code = fields.String(allow_none=True)
    overall = fields.String()
    indicators = fields.Dict(keys=fields.String(), values=fields.Integer())
    comment = fields.String(allow_none=True)
    status = fields.String()


class ResponsePage(StrictSchema):
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()
    items = fields.List(fields.Nested(ResponseItem))


class SuspectItem(StrictSchema):
    response_id = fields.String()
    status = fields.String()
    reason = fields.String()
    unit_id = fields.String()
    cadre_id = fields.String()
    cadre_name = fields.String(allow_none=True)
    kiosk_id = fields.String(allow_none=True)
    overall = fields.String()
    indicators = fields.Dict(keys=fields.String(), values=fields.Integer())
    comment = fields.String(allow_none=True)
    answered_at = fields.DateTime()
    decided_by = fields.String(allow_none=True)
    decided_at = fields.DateTime(allow_none=True)
    note = fields.String(allow_none=True)


class SuspectPage(StrictSchema):
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()
    items = fields.List(fields.Nested(SuspectItem))
