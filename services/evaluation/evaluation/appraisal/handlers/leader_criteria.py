"""HR's record of a leader's criteria đ (the unit's planned tasks on time and to quality) and
e (no internal disunity) in a period: 100 unless recorded otherwise, a 50 with its reason. Kept
in the leader's sheet of the period."""
from __future__ import annotations

from datetime import datetime

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError

from ...common.ids import utcnow
from ...registry import queries as registry
from . import sheets
from .periods import ensure_open, period_by_code


def leader_view(cadre_id: str, code: str, record: dict | None) -> dict:
    record = record or {}
    at = record.get("recorded_at")
    return {"cadre_id": cadre_id, "period": code, "recorded": bool(record),
            "unit_plan_on_time": record.get("unit_plan_on_time", True),
            "unit_plan_reason": record.get("unit_plan_reason"), "unity": record.get("unity", True),
            "unity_reason": record.get("unity_reason"), "recorded_by": record.get("recorded_by"),
            "recorded_at": datetime.fromisoformat(at) if isinstance(at, str) else at}


def leader_reasons(record: dict | None) -> dict:
    record = record or {}
    return {"dd": record.get("unit_plan_reason"), "e": record.get("unity_reason")}


def record_leader_criteria(principal: Principal, cadre_id: str, data: dict) -> dict:
    cadre = registry.managed_cadre(principal, cadre_id)
    if not cadre.is_leader:
        raise ApiError(422, fields={"cadre_id": ["Chỉ áp dụng cho cán bộ lãnh đạo, quản lý / leaders only"]})
    period = ensure_open(period_by_code(data["period"]))
    record = {"unit_plan_on_time": data["unit_plan_on_time"],
              "unit_plan_reason": None if data["unit_plan_on_time"] else data["unit_plan_reason"],
              "unity": data["unity"], "unity_reason": None if data["unity"] else data["unity_reason"],
              "recorded_by": principal.username, "recorded_at": utcnow()}
    sheets.write_tasks(period.code, cadre.id, cadre.unit_id, leader=record)
    return leader_view(cadre.id, period.code, record)


def leader_criteria(principal: Principal, cadre_id: str, code: str) -> dict:
    cadre = registry.visible_cadre(principal, cadre_id)
    period = period_by_code(code)
    sheet = sheets.read_tasks(period.code, cadre.id)
    return leader_view(cadre.id, period.code, sheet.leader if sheet else None)
