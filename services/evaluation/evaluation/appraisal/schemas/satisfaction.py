"""HTTP contract of a cadre's satisfaction as the evaluation service knows it (PRODUCT.md §5)."""
from marshmallow import fields

from cadre_shared.schema_base import SatisfactionIndexOut, StrictSchema, period_code


class SatisfactionQuery(StrictSchema):
    period = period_code(required=True)


class SatisfactionOut(SatisfactionIndexOut):
    cadre_id = fields.String()
    period = fields.String()
