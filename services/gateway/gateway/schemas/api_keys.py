"""HTTP contracts of the training school's API keys."""
from marshmallow import fields, validate

from cadre_shared.schema_base import StrictSchema


class ApiKeyIn(StrictSchema):
    name = fields.String(required=True, validate=validate.Length(min=2, max=120), metadata={
        "description": "Hệ thống dùng khóa, ví dụ: Phần mềm quản lý đào tạo của Trường Chính trị tỉnh / "
                       "the system the key is for"})


class ApiKeyOut(StrictSchema):
    id = fields.String()
    name = fields.String()
    prefix = fields.String(metadata={"description": "Các ký tự đầu của khóa / the key's first characters"})
    scopes = fields.List(fields.String())
    active = fields.Boolean()
    created_by = fields.String(allow_none=True)
    created_at = fields.DateTime()
    revoked_by = fields.String(allow_none=True)
    revoked_at = fields.DateTime(allow_none=True)
    last_used_at = fields.DateTime(allow_none=True)


class ApiKeyCreated(ApiKeyOut):
    key = fields.String(metadata={"description": "Khóa, chỉ hiển thị một lần / the key, shown this once"})
