"""HTTP contracts of sign-in, token refresh, sign-out and the second factor."""
from marshmallow import fields, validate

from cadre_shared.schema_base import StrictSchema

_otp = fields.String(validate=validate.Regexp(r"^\d{6}$", error="Mã OTP gồm 6 chữ số / 6 digits"))


class TokenRequest(StrictSchema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=64))
    password = fields.String(required=True, validate=validate.Length(min=1, max=256))
    otp = _otp


class TokenResponse(StrictSchema):
    access_token = fields.String()
    token_type = fields.String()
    expires_in = fields.Integer()
    refresh_token = fields.String(metadata={"description": "Đổi lấy mã truy cập mới tại /auth/refresh; "
                                                          "mỗi mã dùng một lần / single use"})


class RefreshRequest(StrictSchema):
    refresh_token = fields.String(required=True, validate=validate.Length(min=20, max=200))


class LogoutRequest(StrictSchema):
    refresh_token = fields.String(validate=validate.Length(min=20, max=200))


class MfaEnrolmentRequest(StrictSchema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=64))
    password = fields.String(required=True, validate=validate.Length(min=1, max=256))


class MfaEnrolmentResponse(StrictSchema):
    secret = fields.String(metadata={"description": "Khóa TOTP base32, chỉ hiện một lần / shown once"})
    otpauth_uri = fields.String()


class PasswordChange(StrictSchema):
    current_password = fields.String(required=True, validate=validate.Length(min=1, max=256))
    new_password = fields.String(required=True, validate=validate.Length(min=1, max=256))


class MeOut(StrictSchema):
    user_id = fields.String()
    username = fields.String()
    role = fields.String()
    unit_id = fields.String(allow_none=True)
    cadre_id = fields.String(allow_none=True)
