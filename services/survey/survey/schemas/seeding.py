"""Contracts of the demo's seeding door (``api.seeding``): one kiosk's past answers."""
from marshmallow import fields, validate

from cadre_shared.schema_base import StrictSchema

from .kiosk import ResponseIn


class PastAnswerIn(ResponseIn):
    answered_at = fields.AwareDateTime(required=True)


class PastAnswersIn(StrictSchema):
    kiosk_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    unit_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    answers = fields.List(fields.Nested(PastAnswerIn), required=True, validate=validate.Length(min=1, max=500))


class RefusedOut(StrictSchema):
    response_id = fields.String()
    status = fields.Integer()
    code = fields.String()
    message = fields.String()


class PastAnswersOut(StrictSchema):
    created = fields.Integer()
    replayed = fields.Integer()
    suspect = fields.Integer(metadata={"description": "new answers held as suspect (burst rule)"})
    refused = fields.List(fields.Nested(RefusedOut))
