"""Period scores: a cadre's score (computed live while the period is open, frozen once it is
closed), the 360 breakdown, HR's record of a leader's đ and e, and the snapshots (each with its
``score.computed`` event) stored when a period closes."""
from __future__ import annotations

from mongoengine.errors import NotUniqueError

from cadre_shared.auth import Principal, ensure_unit
from cadre_shared.errors import ApiError
from cadre_shared.periods import parse_period_code

from ..common.events import event
from ..common.ids import utcnow
from ..domain.general_criteria import INDEX_GROUPS, INDEX_NAMES_VI, RATER_GROUPS, GeneralResult
from ..domain.periods import CLOSED
from ..domain.scoring import LEVEL_NAMES_VI
from ..models.scores import LeaderCriteriaRecord, PeriodScore, score_id
from ..models.tasks import Task
from ..registry.handlers.access import managed_cadre, visible_cadre
from ..registry.models import Cadre
from .periods import ensure_open, find_period, period_by_code
from .unit_round import UnitRound, load_unit_round

LEADER_PARTS = ("d", "dd", "e")
FIGURES = ("a", "b", "c", *LEADER_PARTS, "task_points", "general_points", "total")


def no_score(code: str) -> ApiError:
    return ApiError(409, f"Cán bộ chưa được giao sản phẩm nào trong kỳ {code} nên chưa có điểm / "
                         f"no tasks in {code}, so no score", code="no_tasks")


def general_view(result: GeneralResult) -> dict:
    return {"points": result.points, "complete": result.complete, "normalised": result.normalised,
            "indices": {i: {"name": INDEX_NAMES_VI[i], "max_points": r.max_points, "score": r.score,
                            "points": r.points,
                            "groups": {g: vars(r.groups[g]) for g in RATER_GROUPS}}
                        for i, r in ((i, result.indices[i]) for i in INDEX_GROUPS)}}


def leader_reasons(record: LeaderCriteriaRecord | None) -> dict:
    return {"dd": record.unit_plan_reason if record else None, "e": record.unity_reason if record else None}


def live_view(round_: UnitRound, cadre_id: str, period_code: str, status: str) -> dict | None:
    score = round_.scores.get(cadre_id)
    if score is None:
        return None
    cadre = round_.cadres[cadre_id]
    view = {"cadre_id": cadre_id, "unit_id": cadre.unit_id, "task_group": round_.task_groups.get(cadre_id),
            "period": period_code, "status": status, "is_leader": bool(cadre.is_leader),
            "a": score.a, "b": score.b, "c": score.c, **(score.leader or {}),
            "task_points": score.task_points, "general_points": score.general_points, "total": score.total,
            "level": score.level, "level_name": LEVEL_NAMES_VI[score.level], "override": score.override,
            "general": general_view(round_.general[cadre_id])}
    if cadre.is_leader:
        view["leader_reasons"] = leader_reasons(round_.leader_records.get(cadre_id))
    return view


def snapshot_view(doc: PeriodScore) -> dict:
    view = {name: getattr(doc, name) for name in ("cadre_id", "unit_id", "task_group", "period", "is_leader",
                                                  *FIGURES, "level", "override")}
    view.update(status="final", level_name=LEVEL_NAMES_VI[doc.level], general=doc.general,
                computed_at=doc.computed_at)
    if doc.is_leader:
        view["leader_reasons"] = doc.leader_reasons
    else:
        for name in LEADER_PARTS:
            view.pop(name)
    return view


def _period_and_round(cadre: Cadre, code: str) -> tuple[object, UnitRound | None, PeriodScore | None]:
    period = period_by_code(code)
    if period.status == CLOSED:
        snapshot = PeriodScore.objects(id=score_id(period.code, cadre.id)).exclude("outbox").first()
        if snapshot is not None:
            return period, None, snapshot
    return period, load_unit_round(cadre.unit_id, parse_period_code(period.code)), None


def cadre_score(principal: Principal, cadre_id: str, code: str) -> dict:
    cadre = visible_cadre(principal, cadre_id)
    period, round_, snapshot = _period_and_round(cadre, code)
    if snapshot is not None:
        return snapshot_view(snapshot)
    view = None if period.status == CLOSED else live_view(round_, cadre.id, period.code, "provisional")
    if view is None:
        raise no_score(period.code)
    return view


def cadre_general(principal: Principal, cadre_id: str, code: str) -> dict:
    """The 360 breakdown (works before any task is assigned)."""
    cadre = visible_cadre(principal, cadre_id)
    period, round_, snapshot = _period_and_round(cadre, code)
    general = snapshot.general if snapshot is not None else general_view(round_.general[cadre.id])
    return {"cadre_id": cadre.id, "period": period.code, **general}


def unit_scores(principal: Principal, period_id: str, unit_id: str) -> list[dict]:
    ensure_unit(principal, unit_id)
    period = find_period(period_id)
    if period.status == CLOSED:
        return [snapshot_view(d) for d in PeriodScore.objects(period=period.code, unit_id=unit_id)
                .exclude("outbox").order_by("-total", "cadre_id")]
    round_ = load_unit_round(unit_id, parse_period_code(period.code))
    views = [live_view(round_, cadre_id, period.code, "provisional") for cadre_id in round_.scores]
    return sorted(views, key=lambda v: (-v["total"], v["cadre_id"]))


def leader_view(cadre_id: str, code: str, record: LeaderCriteriaRecord | None) -> dict:
    return {"cadre_id": cadre_id, "period": code, "recorded": record is not None,
            "unit_plan_on_time": record.unit_plan_on_time if record else True,
            "unit_plan_reason": record.unit_plan_reason if record else None,
            "unity": record.unity if record else True, "unity_reason": record.unity_reason if record else None,
            "recorded_by": record.recorded_by if record else None,
            "recorded_at": record.recorded_at if record else None}


def record_leader_criteria(principal: Principal, cadre_id: str, data: dict) -> dict:
    cadre = managed_cadre(principal, cadre_id)
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
    cadre = visible_cadre(principal, cadre_id)
    period = period_by_code(code)
    return leader_view(cadre.id, period.code, LeaderCriteriaRecord.objects(id=score_id(period.code, cadre.id)).first())


def _payload(view: dict) -> dict:
    payload = {name: view.get(name) for name in ("cadre_id", "unit_id", "period", "task_group", "is_leader",
                                                 "level", "override")}
    payload.update({name: round(view[name], 6) if view.get(name) is not None else None for name in FIGURES})
    return payload


def snapshot_period(code: str) -> int:
    """Freeze the score of every cadre with tasks in the period, each with its event; stored
    once (a repeated closing finds them there). Returns how many scores the period has."""
    span = parse_period_code(code)
    cadre_ids = list({t.cadre_id for t in Task.objects(period=code).only("cadre_id")})
    units = sorted({c.unit_id for c in Cadre.objects(id__in=cadre_ids).only("unit_id")})
    stored = 0
    for unit_id in units:
        round_ = load_unit_round(unit_id, span)
        for cadre_id in round_.scores:
            view = live_view(round_, cadre_id, code, "final")
            doc = PeriodScore(id=score_id(code, cadre_id), general=view["general"],
                              leader_reasons=view.get("leader_reasons") or {},
                              **{k: view.get(k) for k in ("period", "cadre_id", "unit_id", "task_group", "is_leader",
                                                          *FIGURES, "level", "override")})
            doc.stage_event(event("score.computed", cadre_id, _payload(view)))
            try:
                doc.save(force_insert=True)
            except NotUniqueError:
                pass
            stored += 1
    return stored
