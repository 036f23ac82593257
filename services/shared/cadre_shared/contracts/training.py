"""Contracts of events the training service publishes (course results; an upload taken as a job)."""
from marshmallow import RAISE, Schema, fields, validate

from .registry import Contract, register

CATEGORIES = ["political_theory", "defence_security", "state_management", "position_skills", "digital_skills"]


class ResultRecordedV1(Schema):
    class Meta:
        unknown = RAISE

    result_id = fields.String(required=True)
    cadre_id = fields.String(required=True)
    course_code = fields.String(required=True)
    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    session = fields.String(required=True)
    completed_on = fields.Date(required=True)
    passed = fields.Boolean(required=True)
    hours = fields.Float(required=True, validate=validate.Range(min=0))
    certificate_expires_on = fields.Date(required=True, allow_none=True)


TOPIC_RESULTS = "training.results.v1"
register(Contract("result.recorded", 1, TOPIC_RESULTS, ResultRecordedV1, [
    {"result_id": "r-1", "cadre_id": "c-1", "course_code": "BD-CDS-01", "category": "digital_skills",
     "session": "2026-K2", "completed_on": "2026-10-30", "passed": True, "hours": 40.0,
     "certificate_expires_on": None}]))


class UploadReceivedV1(Schema):
    """A training school's file is stored: the upload job (validate, store, report) is to run."""
    class Meta:
        unknown = RAISE

    batch_id = fields.String(required=True)
    job_id = fields.String(required=True)
    file_bytes = fields.Integer(required=True, validate=validate.Range(min=0))
    uploaded_by = fields.String(required=True)


TOPIC_UPLOADS = "training.uploads.v1"
register(Contract("upload.received", 1, TOPIC_UPLOADS, UploadReceivedV1, [
    {"batch_id": "b-1", "job_id": "j-1", "file_bytes": 2400000, "uploaded_by": "u-1"}]))
