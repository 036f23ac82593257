"""HR's record of a leader's criteria đ (the unit's planned tasks on time and to quality) and
e (no internal disunity) in a period: 100 unless recorded otherwise, a 50 with its reason."""
from __future__ import annotations

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError

from ...common.ids import utcnow
from ...registry import queries as registry
from ..models.scores import LeaderCriteriaRecord, score_id
from .periods import ensure_open, period_by_code


def leader_view(cadre_id: str, code: str, record: LeaderCriteriaRecord | None) -> dict:
    return {"cadre_id": cadre_id, "period": code, "recorded": record is not None,
            "unit_plan_on_time": record.unit_plan_on_time if record else True,
            "unit_plan_reason": record.unit_plan_reason if record else None,
            "unity": record.unity if record else True, "unity_reason": record.unity_reason if record else None,
            "recorded_by": record.recorded_by if record else None,
            "recorded_at": record.recorded_at if record else None}


def record_leader_criteria(principal: Principal, cadre_id: str, data: dict) -> dict:
    cadre = registry.managed_cadre(principal, cadre_id)
    if not cadre.is_leader:
        raise ApiError(422, fields={"cadre_id": ["Chỉ áp dụng cho cán bộ lãnh đạo, quản lý / leaders only"]})
    period = ensure_open(period_by_code(data["period"]))
    record = LeaderCriteriaRecord(
        id=score_id(period.code, cadre.id), period=period.code, cadre_id=cadre.id,
        unit_plan_on_time=data["unit_plan_on_time"],
        unit_plan_reason=None if data["unit_plan_on_time"] else data["unit_plan_reason"],
        unity=data["unity"], unity_reason=None if data["unity"] else data["unity_reason"],
        recorded_by=principal.username, recorded_at=utcnow())
    record.save()
    return leader_view(cadre.id, period.code, record)


def leader_criteria(principal: Principal, cadre_id: str, code: str) -> dict:
    cadre = registry.visible_cadre(principal, cadre_id)
    period = period_by_code(code)
    return leader_view(cadre.id, period.code, LeaderCriteriaRecord.objects(id=score_id(period.code, cadre.id)).first())
