"""HTTP contract of a cadre's satisfaction as the evaluation service knows it (PRODUCT.md §5)."""
from marshmallow import fields, validate

from cadre_shared.schema_base import StrictSchema


class SatisfactionQuery(StrictSchema):
    period = fields.String(required=True, validate=validate.Regexp(
        r"^\d{4}-(Q[1-4]|0[1-9]|1[0-2])$",
        error="Kỳ phải có dạng 2026-Q4 (quý) hoặc 2026-11 (tháng) / period like 2026-Q4 or 2026-11"))


class SatisfactionOut(StrictSchema):
    cadre_id = fields.String()
    period = fields.String()
    responses = fields.Integer()
    very_satisfied = fields.Integer()
    satisfied = fields.Integer()
    dissatisfied = fields.Integer()
    satisfaction_rate = fields.Float(allow_none=True)
    enough = fields.Boolean()
    shares = fields.Dict(keys=fields.String(), values=fields.Float(), allow_none=True)
    message = fields.String(allow_none=True)
