"""Cadre dossiers: register, change personal fields, move, leave."""
from __future__ import annotations

from marshmallow import ValidationError

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError

from ...common.events import insert
from ..models import Cadre, Position, Unit
from ..schemas.cadres import probation_after_appointment
from . import roster_writes
from .access import existing_unit, managed_cadre
from .cadre_writes import assign, change_cadre, close_history, department_problem, new_cadre, set_fields
from .catalogue import Catalogue


def known_position(position_id: str | None, field: str = "position_id") -> Position | None:
    if not position_id:
        return None
    position = Position.objects(id=position_id).exclude("outbox", "versions").first()
    if position is None:
        raise ApiError(422, fields={field: ["Vị trí việc làm không tồn tại / unknown position"]})
    return position


def _check_department(unit: Unit, department_code: str | None) -> None:
    problem = department_problem(unit, department_code)
    if problem:
        raise ApiError(422, fields={"department_code": [problem]})


def _check_leader(cadre: Cadre, leader_id: str) -> None:
    """A named direct leader is another serving leader of the same unit."""
    leader = Cadre.objects(id=leader_id).only("id", "unit_id", "is_leader", "status").first()
    if leader_id == cadre.id or leader is None or leader.unit_id != cadre.unit_id or leader.status != "active" \
            or not leader.is_leader:
        raise ApiError(422, fields={"reports_to": ["Phải là một lãnh đạo đang công tác cùng đơn vị / must be a "
                                                   "serving leader of the same unit"]})


def register_cadre(principal: Principal, data: dict) -> Cadre:
    unit = existing_unit(principal, data["unit_id"])
    position = known_position(data["position_id"])
    _check_department(unit, data.get("department_code"))
    cadre, events = new_cadre(data, unit, position, Catalogue.load([unit.id], [position.id] if position else []))
    insert(cadre, *events)
    roster_writes.publish(cadre)
    return cadre


def change_personal(principal: Principal, cadre_id: str, data: dict) -> Cadre:
    cadre = managed_cadre(principal, cadre_id)
    if "department_code" in data:
        _check_department(Unit.objects(id=cadre.unit_id).first(), data["department_code"])
    if data.get("reports_to"):
        _check_leader(cadre, data["reports_to"])
    try:
        probation_after_appointment({"appointed_on": cadre.appointed_on, "probation_until": cadre.probation_until,
                                     **data})
    except ValidationError as exc:
        raise ApiError(422, fields=exc.messages) from None
    cadre, _ = change_cadre(cadre, lambda c: "cadre.updated" if set_fields(c, data) else None)
    return cadre


def move(principal: Principal, cadre_id: str, data: dict) -> Cadre:
    """Luân chuyển / điều động / bổ nhiệm: to a unit the caller manages (province HR: any)."""
    cadre = managed_cadre(principal, cadre_id)
    unit = existing_unit(principal, data["unit_id"])
    position = known_position(data["position_id"])
    _check_department(unit, data["department_code"])
    if cadre.status != "active":
        raise ApiError(409, "Cán bộ đã nghỉ / The cadre has left", code="cadre_left")
    if (cadre.unit_id, cadre.position_id, cadre.department_code) == (unit.id, data["position_id"],
                                                                     data["department_code"]):
        raise ApiError(422, fields={"unit_id": ["Cán bộ đang giữ đúng vị trí này / already holds this post"]})
    current = next((e for e in cadre.work_history if e.to_date is None), None)
    if current is not None and current.from_date and data["effective_on"] < current.from_date:
        raise ApiError(422, fields={"effective_on": [
            f"Phải từ ngày {current.from_date:%d/%m/%Y} trở đi / must not precede the current post"]})

    def mutate(c: Cadre) -> str:
        assign(c, unit, position, data["department_code"], data["kind"], data["effective_on"], data.get("note"))
        c.probation_until = data["probation_until"]
        return "cadre.moved"

    cadre, _ = change_cadre(cadre, mutate)
    return cadre


def leave(principal: Principal, cadre_id: str, data: dict) -> Cadre:
    cadre = managed_cadre(principal, cadre_id)
    if cadre.status == "left":
        return cadre

    def mutate(c: Cadre) -> str | None:
        if c.status == "left":
            return None
        c.status, c.left_on = "left", data["left_on"]
        close_history(c, data["left_on"])
        if c.work_history:
            c.work_history[-1].note = data["reason"]
        return "cadre.left"

    cadre, _ = change_cadre(cadre, mutate)
    return cadre
