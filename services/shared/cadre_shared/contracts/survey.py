"""Contracts of events the survey service publishes (citizen responses, confidence-vote results,
conclusions of citizens' reports)."""
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


class ConfidenceResultV1(Schema):
    """One official's result when a confidence vote closed (lấy phiếu tín nhiệm): counts, the share of
    "low" among the ballots cast, and the outcome the thresholds of the vote gave."""

    class Meta:
        unknown = RAISE

    vote_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    year = fields.Integer(required=True, validate=validate.Range(2000, 2100))
    cadre_id = fields.String(required=True)
    ballots = fields.Integer(required=True, validate=validate.Range(min=0))
    high = fields.Integer(required=True, validate=validate.Range(min=0))
    medium = fields.Integer(required=True, validate=validate.Range(min=0))
    low = fields.Integer(required=True, validate=validate.Range(min=0))
    low_share = fields.Float(required=True, allow_none=True, validate=validate.Range(0, 1))
    outcome = fields.String(required=True, validate=validate.OneOf(["none", "consider", "replace"]))
    closed_on = fields.Date(required=True)


class ReportConcludedV1(Schema):
    """A citizen's report about an official, concluded by the inspection: the fact only — never what
    the citizen wrote, and never who they are."""

    class Meta:
        unknown = RAISE

    report_id = fields.String(required=True)
    cadre_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    substantiated = fields.Boolean(required=True)
    happened_on = fields.Date(required=True, allow_none=True)
    received_on = fields.Date(required=True)
    concluded_on = fields.Date(required=True)


TOPIC_CONFIDENCE = "survey.confidence.v1"
TOPIC_REPORTS = "survey.reports.v1"
_result = {"vote_id": "v-1", "unit_id": "u-1", "year": 2026, "cadre_id": "c-1", "ballots": 10, "high": 2,
           "medium": 1, "low": 7, "low_share": 0.7, "outcome": "replace", "closed_on": "2026-12-05"}
register(Contract("confidence.result", 1, TOPIC_CONFIDENCE, ConfidenceResultV1, [
    _result, {**_result, "ballots": 0, "high": 0, "medium": 0, "low": 0, "low_share": None, "outcome": "none"}]))
_concluded = {"report_id": "PA-7K2Q9XMD3F", "cadre_id": "c-1", "unit_id": "u-1", "substantiated": True,
              "happened_on": "2026-11-20", "received_on": "2026-11-21", "concluded_on": "2026-12-01"}
register(Contract("report.concluded", 1, TOPIC_REPORTS, ReportConcludedV1, [
    _concluded, {**_concluded, "substantiated": False, "happened_on": None}]))
