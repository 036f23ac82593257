"""Base marshmallow schema for HTTP input: unknown fields are refused, strings are
plain strings (so NoSQL operators such as ``{"$gt": ""}`` never reach a query). Also the
validators of the period codes every contract carries, and the satisfaction figures' output."""
from marshmallow import RAISE, Schema, fields, validate

from . import messages  # noqa: F401  (Vietnamese default messages)
from .periods import MONTH_CODE_PATTERN, PERIOD_CODE_HELP, PERIOD_CODE_PATTERN, QUARTER_CODE_PATTERN

PERIOD_CODE = validate.Regexp(PERIOD_CODE_PATTERN, error=PERIOD_CODE_HELP)
QUARTER_CODE = validate.Regexp(QUARTER_CODE_PATTERN, error="Quý phải có dạng 2026-Q4 / quarter like 2026-Q4")
MONTH_CODE = validate.Regexp(MONTH_CODE_PATTERN, error="Tháng phải có dạng 2026-11 / month like 2026-11")


def period_code(**kwargs) -> fields.String:
    """A period code field: ``2026-Q4`` (quarter) or ``2026-11`` (month)."""
    return fields.String(validate=PERIOD_CODE, **kwargs)


class StrictSchema(Schema):
    error_messages = {"unknown": "Trường không được chấp nhận / unknown field",
                      "type": "Dữ liệu phải là đối tượng JSON / invalid input type"}

    class Meta:
        unknown = RAISE
        ordered = True


class SatisfactionIndexOut(StrictSchema):
    """The figures of ``cadre_shared.satisfaction.SatisfactionIndex``, as both services show them."""
    responses = fields.Integer()
    very_satisfied = fields.Integer()
    satisfied = fields.Integer()
    dissatisfied = fields.Integer()
    satisfaction_rate = fields.Float(allow_none=True)
    enough = fields.Boolean()
    shares = fields.Dict(keys=fields.String(), values=fields.Float(), allow_none=True)
    message = fields.String(allow_none=True)
