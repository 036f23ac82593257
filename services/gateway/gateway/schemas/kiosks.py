"""HTTP contracts of kiosk devices and receipt links."""
from marshmallow import fields, validate

from cadre_shared.schema_base import StrictSchema

_id = validate.Regexp(r"^[A-Za-z0-9-]{1,64}$", error="Mã định danh không hợp lệ / invalid id")


class KioskIn(StrictSchema):
    unit_id = fields.String(required=True, validate=_id)
    name = fields.String(required=True, validate=validate.Length(min=1, max=120))


class KioskCreated(StrictSchema):
    id = fields.String()
    token = fields.String()
    unit_id = fields.String()
    name = fields.String()
    setup_url = fields.String()


class KioskOut(StrictSchema):
    id = fields.String()
    unit_id = fields.String()
    unit_name = fields.String(allow_none=True)
    name = fields.String()
    active = fields.Boolean()
    created_by = fields.String(allow_none=True)
    created_at = fields.DateTime()
    revoked_by = fields.String(allow_none=True)
    revoked_at = fields.DateTime(allow_none=True)
    last_seen_at = fields.DateTime(allow_none=True)


class KioskQuery(StrictSchema):
    unit_id = fields.String(validate=_id)
    include_revoked = fields.Boolean(load_default=False)


class ReceiptIn(StrictSchema):
    cadre_id = fields.String(required=True, validate=_id)
    dossier_code = fields.String(required=True, validate=validate.Regexp(
        r"^[A-Za-z0-9][A-Za-z0-9 ._/\-]{1,63}$",
        error="Mã hồ sơ gồm chữ, số và . _ / - (2–64 ký tự) / letters, digits and . _ / - (2–64 characters)"))
    unit_id = fields.String(load_default=None, allow_none=True, validate=_id)
    procedure_code = fields.String(load_default=None, allow_none=True, validate=validate.Regexp(
        r"^[A-Za-z0-9][A-Za-z0-9._\-]{0,39}$", error="Mã thủ tục không hợp lệ / invalid procedure code"))


class ReceiptOut(StrictSchema):
    url = fields.String()
    token = fields.String()
    expires_at = fields.DateTime()
