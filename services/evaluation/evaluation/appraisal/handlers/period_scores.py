"""Period scores as people read them: a cadre's score (computed live while the period is open,
frozen once it is closed), the 360 breakdown, a unit's scores. The labels people read (level,
index group names) are added here, when a score is shown; what is stored keeps codes."""
from __future__ import annotations

from cadre_shared.auth import Principal, ensure_unit
from cadre_shared.errors import ApiError
from cadre_shared.periods import parse_period_code

from ...registry import queries as registry
from ..domain.general_criteria import INDEX_NAMES_VI
from ..domain.periods import CLOSED
from ..domain.scoring import LEVEL_NAMES_VI
from ..models.periods import Period
from ..models.scores import FrozenScore, LeaderCriteriaRecord, score_id
from .periods import find_period, period_by_code
from .unit_round import UnitRound, load_unit_round

LEADER_PARTS = ("d", "dd", "e")
FIGURES = ("a", "b", "c", *LEADER_PARTS, "task_points", "general_points", "total")


def no_score(code: str) -> ApiError:
    return ApiError(409, f"Cán bộ chưa được giao sản phẩm nào trong kỳ {code} nên chưa có điểm / "
                         f"no tasks in {code}, so no score", code="no_tasks")


def named(general: dict) -> dict:
    """The 360 breakdown (as stored: by index code) with each index group's name."""
    return {**general, "indices": {code: {**figures, "name": INDEX_NAMES_VI[code]}
                                   for code, figures in general.get("indices", {}).items()}}


def leader_reasons(record: LeaderCriteriaRecord | None) -> dict:
    return {"dd": record.unit_plan_reason if record else None, "e": record.unity_reason if record else None}


def live_view(round_: UnitRound, cadre_id: str, period_code: str, status: str) -> dict | None:
    score = round_.scores.get(cadre_id)
    if score is None:
        return None
    cadre = round_.cadres[cadre_id]
    view = {"cadre_id": cadre_id, "unit_id": cadre.unit_id, "task_group": round_.task_groups.get(cadre_id),
            "period": period_code, "status": status, "is_leader": cadre.is_leader,
            "a": score.a, "b": score.b, "c": score.c, **(score.leader or {}),
            "task_points": score.task_points, "general_points": score.general_points, "total": score.total,
            "level": score.level, "level_name": LEVEL_NAMES_VI[score.level], "override": score.override,
            "general": named(round_.general[cadre_id].as_record())}
    if cadre.is_leader:
        view["leader_reasons"] = leader_reasons(round_.leader_records.get(cadre_id))
    return view


def frozen_view(doc: FrozenScore) -> dict:
    view = {name: getattr(doc, name) for name in ("cadre_id", "unit_id", "task_group", "period", "is_leader",
                                                  *FIGURES, "level", "override")}
    view.update(status="final", level_name=LEVEL_NAMES_VI[doc.level], general=named(doc.general),
                computed_at=doc.computed_at)
    if doc.is_leader:
        view["leader_reasons"] = doc.leader_reasons
    else:
        for name in LEADER_PARTS:
            view.pop(name)
    return view


def _period_and_round(cadre: registry.CadreFacts, code: str) -> tuple[Period, UnitRound | None, FrozenScore | None]:
    period = period_by_code(code)
    if period.status == CLOSED:
        frozen = FrozenScore.objects(id=score_id(period.code, cadre.id)).exclude("outbox").first()
        if frozen is not None:
            return period, None, frozen
    return period, load_unit_round(cadre.unit_id, parse_period_code(period.code)), None


def cadre_score(principal: Principal, cadre_id: str, code: str) -> dict:
    cadre = registry.visible_cadre(principal, cadre_id)
    period, round_, frozen = _period_and_round(cadre, code)
    if frozen is not None:
        return frozen_view(frozen)
    view = None if period.status == CLOSED else live_view(round_, cadre.id, period.code, "provisional")
    if view is None:
        raise no_score(period.code)
    return view


def cadre_general(principal: Principal, cadre_id: str, code: str) -> dict:
    """The 360 breakdown (works before any task is assigned)."""
    cadre = registry.visible_cadre(principal, cadre_id)
    period, round_, frozen = _period_and_round(cadre, code)
    general = frozen.general if frozen is not None else round_.general[cadre.id].as_record()
    return {"cadre_id": cadre.id, "period": period.code, **named(general)}


def unit_scores(principal: Principal, period_id: str, unit_id: str) -> list[dict]:
    ensure_unit(principal, unit_id)
    period = find_period(period_id)
    if period.status == CLOSED:
        return [frozen_view(d) for d in FrozenScore.objects(period=period.code, unit_id=unit_id)
                .exclude("outbox").order_by("-total", "cadre_id")]
    round_ = load_unit_round(unit_id, parse_period_code(period.code))
    views = [live_view(round_, cadre_id, period.code, "provisional") for cadre_id in round_.scores]
    return sorted(views, key=lambda v: (-v["total"], v["cadre_id"]))
