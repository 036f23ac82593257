"""HTTP contract of a cadre's satisfaction as the evaluation service knows it (PRODUCT.md §5)."""
from marshmallow import fields

from cadre_shared.schema_base import StrictSchema, period_code


class SatisfactionQuery(StrictSchema):
    period = period_code(required=True)


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
