"""HTTP contract of the planning rules (data the province may change)."""
from marshmallow import ValidationError, fields, validate, validates_schema

from cadre_shared.schema_base import StrictSchema

from ..domain.rules import LEVELS

MEASURES = ["reprimand", "warning", "salary_demotion", "demotion", "removal", "dismissal"]


class RetirementAges(StrictSchema):
    male = fields.Integer(required=True, validate=validate.Range(40, 80))
    female = fields.Integer(required=True, validate=validate.Range(40, 80))
    other = fields.Integer(required=True, validate=validate.Range(40, 80))


class Targets(StrictSchema):
    women = fields.Float(required=True, validate=validate.Range(0, 1))
    young = fields.Float(required=True, validate=validate.Range(0, 1))
    trained = fields.Float(required=True, validate=validate.Range(0, 1))


class RulesIn(StrictSchema):
    min_per_title = fields.Integer(required=True, validate=validate.Range(1, 20))
    max_per_title = fields.Integer(required=True, validate=validate.Range(1, 20))
    max_titles_per_cadre = fields.Integer(required=True, validate=validate.Range(1, 10))
    years_of_results = fields.Integer(required=True, validate=validate.Range(0, 10))
    min_level = fields.String(required=True, validate=validate.OneOf(LEVELS))
    retirement_ages = fields.Nested(RetirementAges, required=True)
    discipline_months = fields.Dict(
        keys=fields.String(validate=validate.OneOf(MEASURES)),
        values=fields.Integer(allow_none=True, validate=validate.Range(0, 120)), required=True,
        metadata={"description": "Số tháng thi hành kỷ luật theo hình thức; null: không hết / months in force; null: never ends"})
    young_age = fields.Integer(required=True, validate=validate.Range(18, 70))
    report_warning_min = fields.Integer(required=True, validate=validate.Range(1, 100))
    targets = fields.Nested(Targets, required=True)

    @validates_schema
    def _every_measure(self, data, **_kwargs):
        if set(data.get("discipline_months") or {}) != set(MEASURES):
            raise ValidationError({"discipline_months": [f"Cần đủ các hình thức / every measure: {', '.join(MEASURES)}"]})


class RulesOut(RulesIn):
    updated_by = fields.String(allow_none=True)
    updated_at = fields.DateTime(allow_none=True)
