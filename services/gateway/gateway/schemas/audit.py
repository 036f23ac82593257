"""HTTP contracts of the audit trail."""
from datetime import timezone

from marshmallow import fields, validate

from cadre_shared.schema_base import StrictSchema

OUTCOMES = ("success", "rejected", "denied", "throttled", "error")


class AuditQuery(StrictSchema):
    actor = fields.String(validate=validate.Length(max=64), metadata={"description": "tên đăng nhập / username"})
    action = fields.String(validate=validate.Length(max=120), metadata={"description": "chứa / contains"})
    target = fields.String(validate=validate.Length(max=200), metadata={"description": "chứa / contains"})
    outcome = fields.String(validate=validate.OneOf(OUTCOMES))
    request_id = fields.String(validate=validate.Length(max=64))
    date_from = fields.Date(data_key="from", metadata={"description": "YYYY-MM-DD, giờ Việt Nam / Vietnam time"})
    date_to = fields.Date(data_key="to", metadata={"description": "YYYY-MM-DD (bao gồm / inclusive)"})
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))


class AuditRecordOut(StrictSchema):
    seq = fields.Integer()
    at = fields.DateTime()
    actor = fields.String(allow_none=True)
    actor_id = fields.String(allow_none=True)
    role = fields.String(allow_none=True)
    unit_id = fields.String(allow_none=True)
    action = fields.String()
    target = fields.String(allow_none=True)
    outcome = fields.String()
    status = fields.Integer(allow_none=True)
    request_id = fields.String(allow_none=True)
    ip = fields.String(allow_none=True)
    detail = fields.Dict()
    prev_hash = fields.String()
    hash = fields.String()


class ProblemOut(StrictSchema):
    seq = fields.Integer()
    kind = fields.String()
    message = fields.String()


class VerificationOut(StrictSchema):
    intact = fields.Boolean(allow_none=True, metadata={"description": "null before the first check"})
    checked = fields.Integer()
    last_seq = fields.Integer()
    problems = fields.List(fields.Nested(ProblemOut))
    verified_at = fields.AwareDateTime(allow_none=True, default_timezone=timezone.utc)
    took_ms = fields.Integer()
    pending = fields.Boolean(metadata={"description": "a requested check has not finished yet"})
