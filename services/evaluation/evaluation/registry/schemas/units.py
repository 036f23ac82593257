"""HTTP contracts of units (đơn vị) and their departments."""
from marshmallow import ValidationError, fields, validate, validates_schema

from cadre_shared.schema_base import StrictSchema

from ...common.schemas import CODE, ID, one_of, patch_text, text
from ..domain.scales import AREAS, UNIT_KINDS


class DepartmentSchema(StrictSchema):
    code = fields.String(required=True, validate=validate.Regexp(
        r"^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$", error="Mã phòng ban không hợp lệ / invalid department code"))
    name = text(200)


def _unique_departments(departments) -> None:
    codes = [d["code"] for d in departments or []]
    if len(codes) != len(set(codes)):
        raise ValidationError({"departments": ["Mã phòng ban bị trùng / duplicate department code"]})


class UnitIn(StrictSchema):
    code = fields.String(required=True, validate=CODE)
    name = text(200)
    kind = one_of(UNIT_KINDS, required=True)
    area = one_of(AREAS, load_default=None)
    parent_id = fields.String(load_default=None, allow_none=True, validate=ID)
    departments = fields.List(fields.Nested(DepartmentSchema), load_default=None, allow_none=True,
                              metadata={"description": "Bỏ trống: các phòng mặc định của xã/phường / "
                                                       "omit for the default departments of a commune or ward"})

    @validates_schema
    def _area_of_communes(self, data, **_kwargs):
        if data.get("kind") in ("commune", "ward") and not data.get("area"):
            raise ValidationError({"area": ["Xã, phường phải có loại địa bàn / a commune or ward needs an area type"]})
        _unique_departments(data.get("departments"))


class UnitPatch(StrictSchema):
    name = patch_text(200)
    area = one_of(AREAS, allow_none=False)
    departments = fields.List(fields.Nested(DepartmentSchema), allow_none=False)

    @validates_schema
    def _departments(self, data, **_kwargs):
        _unique_departments(data.get("departments"))


class UnitOut(StrictSchema):
    id = fields.String()
    code = fields.String()
    name = fields.String()
    kind = fields.String()
    area = fields.String(allow_none=True)
    parent_id = fields.String(allow_none=True)
    departments = fields.List(fields.Nested(DepartmentSchema))
    version = fields.Integer()


class UnitQuery(StrictSchema):
    code = fields.String(validate=CODE)
    kind = one_of(UNIT_KINDS)
    area = one_of(AREAS)
    parent_id = fields.String(validate=ID)
