from marshmallow import fields, validate

from cadre_shared.schema_base import StrictSchema


class TokenRequest(StrictSchema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=64))
    password = fields.String(required=True, validate=validate.Length(min=1, max=256))
    otp = fields.String(validate=validate.Regexp(r"^\d{6}$", error="Mã OTP gồm 6 chữ số / 6 digits"))


class TokenResponse(StrictSchema):
    access_token = fields.String()
    token_type = fields.String()
    expires_in = fields.Integer()
