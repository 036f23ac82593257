"""Contracts of events the survey service publishes (citizen responses)."""
from marshmallow import RAISE, Schema, fields, validate

from ..schema_base import MONTH_CODE, QUARTER_CODE
from .registry import Contract, register

LEVELS = ["very_satisfied", "satisfied", "dissatisfied"]


class ResponseRecordedV1(Schema):
    """A citizen response as stored; ``counted`` is false while it is held as suspect."""

    class Meta:
        unknown = RAISE

    response_id = fields.UUID(required=True)
    cadre_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    kiosk_id = fields.String(required=True, allow_none=True)
    procedure_code = fields.String(required=True, allow_none=True)
    overall = fields.String(required=True, validate=validate.OneOf(LEVELS))
    indicators = fields.Dict(keys=fields.String(), values=fields.Integer(validate=validate.Range(1, 5)), required=True)
    quarter = fields.String(required=True, validate=QUARTER_CODE)
    month = fields.String(required=True, validate=MONTH_CODE)
    submitted_at = fields.AwareDateTime(required=True)
    counted = fields.Boolean(required=True)


class ResponseReviewedV1(Schema):
    """A suspect response cleared (now counted) or rejected (never counted) by a person."""

    class Meta:
        unknown = RAISE

    response_id = fields.UUID(required=True)
    cadre_id = fields.String(required=True)
    counted = fields.Boolean(required=True)
    decided_by = fields.String(required=True)


TOPIC_RESPONSES = "survey.responses.v1"
_example = {"response_id": "2f1c3e0a-8a0e-4c47-9a55-0c1d2b3e4f50", "cadre_id": "c-1", "unit_id": "u-1",
            "kiosk_id": "k-1", "procedure_code": "HT-KHAISINH", "overall": "very_satisfied",
            "indicators": {"attitude": 5, "time": 4}, "quarter": "2026-Q4", "month": "2026-11",
            "submitted_at": "2026-11-25T08:15:00+00:00", "counted": True}
_from_receipt_held = {**_example, "response_id": "7d0b8c2e-51f4-4a8e-9c1b-3e2f4a5b6c7d", "kiosk_id": None,
                      "overall": "dissatisfied", "indicators": {}, "procedure_code": None, "counted": False}
register(Contract("response.recorded", 1, TOPIC_RESPONSES, ResponseRecordedV1, [_example, _from_receipt_held]))
register(Contract("response.reviewed", 1, TOPIC_RESPONSES, ResponseReviewedV1, [
    {"response_id": _example["response_id"], "cadre_id": "c-1", "counted": True, "decided_by": "hr.tanlap"}]))
