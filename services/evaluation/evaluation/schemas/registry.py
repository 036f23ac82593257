"""HTTP contracts of the registry: units, positions, cadres."""
from datetime import date

from marshmallow import fields, validate

from cadre_shared.schema_base import StrictSchema

_code = validate.Regexp(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$",
                        error="Mã chỉ gồm chữ, số, '.', '_', '-' (tối đa 40 ký tự) / letters, digits, . _ - (max 40)")


def _text(max_len: int):
    return fields.String(required=True, validate=validate.Length(min=1, max=max_len))


class UnitIn(StrictSchema):
    code = fields.String(required=True, validate=_code)
    name = _text(200)
    kind = fields.String(required=True, validate=validate.OneOf(["commune", "ward", "province"]))
    area = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(["urban", "rural", "mountain"]))
    parent_id = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=64))


class UnitOut(StrictSchema):
    id = fields.String()
    code = fields.String()
    name = fields.String()
    kind = fields.String()
    area = fields.String(allow_none=True)
    parent_id = fields.String(allow_none=True)
    version = fields.Integer()


class PositionIn(StrictSchema):
    code = fields.String(required=True, validate=_code)
    title = _text(200)
    task_group = fields.String(required=True, validate=validate.Length(min=1, max=80))
    is_leader = fields.Boolean(required=True)


class PositionOut(StrictSchema):
    id = fields.String()
    code = fields.String()
    title = fields.String()
    task_group = fields.String()
    is_leader = fields.Boolean()
    version = fields.Integer()


class CadreIn(StrictSchema):
    code = fields.String(required=True, validate=_code)
    full_name = fields.String(required=True, validate=validate.Length(min=2, max=120))
    gender = fields.String(required=True, validate=validate.OneOf(["female", "male", "other"]))
    birth_year = fields.Integer(required=True, validate=validate.Range(
        min=1940, max=date.today().year - 16,
        error="Năm sinh phải trong khoảng {min}–{max} / birth year must be between {min} and {max}"))
    unit_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    position_id = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=64))
    is_local = fields.Boolean(load_default=True)


class CadreOut(StrictSchema):
    id = fields.String()
    code = fields.String()
    full_name = fields.String()
    gender = fields.String()
    birth_year = fields.Integer()
    unit_id = fields.String()
    position_id = fields.String(allow_none=True)
    position_version = fields.Integer(allow_none=True)
    is_leader = fields.Boolean()
    is_local = fields.Boolean()
    status = fields.String()
    version = fields.Integer()


class CadreQuery(StrictSchema):
    unit_id = fields.String(validate=validate.Length(max=64))
    q = fields.String(validate=validate.Length(max=100))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1))
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))
