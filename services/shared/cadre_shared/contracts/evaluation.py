"""Contracts of events the evaluation service publishes (registry changes)."""
from marshmallow import RAISE, Schema, fields, validate

from . import Contract, register


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class UnitStateV1(_Strict):
    """Full state of a unit after the change (event-carried state transfer)."""
    unit_id = fields.String(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(["province", "commune", "ward"]))
    area = fields.String(required=True, allow_none=True, validate=validate.OneOf(["urban", "rural", "mountain"]))
    parent_id = fields.String(required=True, allow_none=True)
    version = fields.Integer(required=True, validate=validate.Range(min=1))


class PositionStateV1(_Strict):
    position_id = fields.String(required=True)
    code = fields.String(required=True)
    title = fields.String(required=True)
    task_group = fields.String(required=True)
    is_leader = fields.Boolean(required=True)
    version = fields.Integer(required=True, validate=validate.Range(min=1))


class CadreStateV1(_Strict):
    cadre_id = fields.String(required=True)
    code = fields.String(required=True)
    full_name = fields.String(required=True)
    gender = fields.String(required=True, validate=validate.OneOf(["female", "male", "other"]))
    birth_year = fields.Integer(required=True)
    unit_id = fields.String(required=True)
    position_id = fields.String(required=True, allow_none=True)
    position_version = fields.Integer(required=True, allow_none=True)
    is_leader = fields.Boolean(required=True)
    is_local = fields.Boolean(required=True)
    status = fields.String(required=True, validate=validate.OneOf(["active", "left"]))
    version = fields.Integer(required=True, validate=validate.Range(min=1))


_unit = {"unit_id": "u-1", "code": "XA-TANLAP", "name": "Xã Tân Lập", "kind": "commune",
         "area": "mountain", "parent_id": "u-0", "version": 1}
_position = {"position_id": "p-1", "code": "CT-UBND", "title": "Chủ tịch UBND xã",
             "task_group": "lanh-dao-ubnd", "is_leader": True, "version": 2}
_cadre = {"cadre_id": "c-1", "code": "CB000123", "full_name": "Nguyễn Thị Hồng Nhung", "gender": "female",
          "birth_year": 1988, "unit_id": "u-1", "position_id": "p-1", "position_version": 2,
          "is_leader": False, "is_local": True, "status": "active", "version": 3}

TOPIC_UNITS = "evaluation.units.v1"
TOPIC_POSITIONS = "evaluation.positions.v1"
TOPIC_CADRES = "evaluation.cadres.v1"

for _type in ("unit.registered", "unit.updated"):
    register(Contract(_type, 1, TOPIC_UNITS, UnitStateV1, [_unit]))
register(Contract("position.versioned", 1, TOPIC_POSITIONS, PositionStateV1, [_position]))
for _type in ("cadre.registered", "cadre.updated", "cadre.moved", "cadre.left"):
    register(Contract(_type, 1, TOPIC_CADRES, CadreStateV1, [_cadre, {**_cadre, "status": "left", "position_id": None,
                                                                        "position_version": None}]))
