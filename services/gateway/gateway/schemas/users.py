"""HTTP contracts of user accounts."""
from marshmallow import fields, validate

from cadre_shared.schema_base import StrictSchema

from ..domain.accounts import ASSIGNABLE_ROLES

_id = validate.Regexp(r"^[A-Za-z0-9-]{1,64}$", error="Mã định danh không hợp lệ / invalid id")
_email = {"allow_none": True, "validate": validate.Length(max=254),
          "error_messages": {"invalid": "Địa chỉ thư điện tử không hợp lệ / invalid e-mail address"}}


class UserIn(StrictSchema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=64))
    password = fields.String(required=True, validate=validate.Length(min=1, max=256))
    role = fields.String(required=True, validate=validate.OneOf(ASSIGNABLE_ROLES))
    unit_id = fields.String(load_default=None, allow_none=True, validate=_id)
    cadre_id = fields.String(load_default=None, allow_none=True, validate=_id)
    full_name = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=120))
    email = fields.Email(load_default=None, **_email)  # notifications are also mailed there


class UserPatch(StrictSchema):
    active = fields.Boolean()
    password = fields.String(validate=validate.Length(min=1, max=256))
    reset_mfa = fields.Boolean()
    unit_id = fields.String(allow_none=True, validate=_id)
    full_name = fields.String(allow_none=True, validate=validate.Length(max=120))
    email = fields.Email(**_email)


class UserOut(StrictSchema):
    id = fields.String()
    username = fields.String()
    role = fields.String()
    unit_id = fields.String(allow_none=True)
    cadre_id = fields.String(allow_none=True)
    full_name = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    active = fields.Boolean()
    mfa_enrolled = fields.Boolean()
    created_at = fields.DateTime()


class UserQuery(StrictSchema):
    role = fields.String(validate=validate.OneOf(ASSIGNABLE_ROLES))
    unit_id = fields.String(validate=_id)
    active = fields.Boolean()
    q = fields.String(validate=validate.Length(max=64))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))
