"""HTTP contracts of the province's SMTP server for notification e-mails; no password goes out."""
from marshmallow import ValidationError, fields, validate, validates_schema

from cadre_shared.schema_base import StrictSchema

SECURITY = ("starttls", "ssl", "none")
_host = validate.Regexp(r"^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$",
                        error="Tên máy chủ không hợp lệ / invalid host name")
NEEDS_SENDER = "Cần địa chỉ người gửi khi có máy chủ thư / a sender address is needed with a mail server"


class MailSettingsIn(StrictSchema):
    host = fields.String(required=True, allow_none=True, validate=_host,
                         metadata={"description": "null: không gửi thư / null: no e-mail"})
    port = fields.Integer(load_default=587, validate=validate.Range(min=1, max=65535))
    security = fields.String(load_default="starttls", validate=validate.OneOf(SECURITY))
    from_address = fields.Email(load_default=None, allow_none=True, validate=validate.Length(max=254))
    username = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=254))
    password = fields.String(allow_none=True, validate=validate.Length(max=512),
                             metadata={"description": "bỏ trống trường này: giữ mật khẩu cũ / left out: kept"})

    @validates_schema
    def _sender_with_host(self, data, **_kwargs):
        if data.get("host") and not data.get("from_address"):
            raise ValidationError({"from_address": [NEEDS_SENDER]})


class MailFailureOut(StrictSchema):
    username = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    kind = fields.String()
    attempts = fields.Integer()
    error = fields.String(allow_none=True)
    failed_at = fields.DateTime(allow_none=True)


class MailSettingsOut(StrictSchema):
    host = fields.String(allow_none=True)
    port = fields.Integer()
    security = fields.String()
    from_address = fields.String(allow_none=True)
    username = fields.String(allow_none=True)
    password_set = fields.Boolean()
    source = fields.String(metadata={"description": "stored | environment (C360_SMTP_*)"})
    enabled = fields.Boolean()
    pending = fields.Integer(metadata={"description": "thư đang chờ gửi / mails waiting"})
    failed = fields.Integer(metadata={"description": "thư đã bỏ sau nhiều lần thử / mails given up"})
    recent_failures = fields.List(fields.Nested(MailFailureOut))
