"""Units: register, change (name, area type, departments), list and read within the caller's scope."""
from __future__ import annotations

from cadre_shared.auth import Principal, ensure_unit
from cadre_shared.errors import ApiError
from cadre_shared.kept_reads import KeptReads

from ...common.events import conflict, event, insert, update_where
from ..domain.departments import default_departments
from ..models import Unit
from . import roster_reads
from ..models.units import Department


# Every unit, as each worker last read them, until a unit is registered or changed (those two write
# the units, and move the version once stored): lists of units and the names, areas and scopes the
# pages show read the whole collection otherwise (a hundred units with their departments on the
# embedded store, on most pages).
units_kept = KeptReads("units_version", "units")


def every_unit() -> list[Unit]:
    """Every unit (without its outbox), by code: the documents as the worker keeps them, shared by
    every reader (who must not change them: each change of a unit goes through a read of its own)."""
    return list(units_kept.read(Unit._get_db(), "every", _every_unit, shared=True))


def _every_unit() -> list[Unit]:
    docs = Unit._get_collection().find({}, {"outbox": 0})
    return sorted((Unit._from_son(doc) for doc in docs), key=lambda u: u.code)


def list_units(principal: Principal, query: dict) -> list[Unit]:
    """Units matching ``query``; a unit-scoped caller sees only their own."""
    units = [u for u in every_unit() if all(getattr(u, name) == value for name, value in query.items())]
    if not principal.is_province_wide:
        units = [u for u in units if u.id == (principal.unit_id or "")]
    return units


def find_unit(principal: Principal, unit_id: str) -> Unit:
    ensure_unit(principal, unit_id)
    unit = Unit.objects(id=unit_id).exclude("outbox").first()
    if unit is None:
        raise ApiError(404)
    return unit


def register_unit(data: dict) -> Unit:
    if data["parent_id"] and not Unit.objects(id=data["parent_id"]).first():
        raise ApiError(422, fields={"parent_id": ["Đơn vị cấp trên không tồn tại / unknown parent unit"]})
    departments = data.pop("departments", None)
    if departments is None:
        departments = default_departments(data["kind"])
    unit = Unit(**data, departments=[Department(**d) for d in departments])
    insert(unit, event("unit.registered", unit.id, unit.state()))
    units_kept.moved(Unit._get_db())
    return unit


def change_unit(unit_id: str, data: dict) -> Unit:
    unit = Unit.objects(id=unit_id).exclude("outbox").first()
    if unit is None:
        raise ApiError(404)
    if unit.kind in ("commune", "ward") and "area" in data and data["area"] is None:
        raise ApiError(422, fields={"area": ["Xã, phường phải có loại địa bàn / a commune or ward needs an area type"]})
    if "departments" in data:
        kept = {d["code"] for d in data["departments"]}
        used = {row["department_code"] for row in roster_reads.rows([unit_id])
                if row["status"] == "active" and row["department_code"] not in (None, *kept)}
        if used:
            raise ApiError(422, fields={"departments": [
                f"Còn cán bộ thuộc phòng ban {', '.join(sorted(used))} / cadres still belong to {', '.join(sorted(used))}"]})
    before = unit.to_mongo().to_dict()
    for name, value in data.items():
        setattr(unit, name, [Department(**d) for d in value] if name == "departments" else value)
    if unit.to_mongo().to_dict() == before:
        return unit
    version = unit.version
    unit.version = version + 1
    changes = {name: unit.to_mongo().get(name) for name in data}
    if not update_where(Unit, {"_id": unit.id, "version": version}, {"$set": {**changes, "version": unit.version}},
                        [event("unit.updated", unit.id, unit.state())]):
        raise conflict()
    units_kept.moved(Unit._get_db())
    return unit
