"""Period scores as people read them: a cadre's score (computed live while the period is open,
frozen once it is closed), the 360 breakdown, a unit's scores. The labels people read (level,
index group names) are added here, when a score is shown; what is stored keeps codes."""
from __future__ import annotations

from cadre_shared.auth import Principal, ensure_unit
from cadre_shared.errors import ApiError
from cadre_shared.periods import parse_period_code

from ...registry import queries as registry
from ..domain.general_criteria import ANONYMOUS_GROUPS, INDEX_NAMES_VI, MIN_ANONYMOUS_RATERS
from ..domain.periods import CLOSED
from ..domain.scoring import LEVEL_NAMES_VI
from ..domain.snapshot import FIGURES, LEADER_PARTS
from ..models.periods import Period
from .frozen import frozen, frozen_in_unit
from .leader_criteria import leader_reasons
from .periods import find_period, period_by_code
from .unit_round import UnitRound, load_unit_round


def no_score(code: str) -> ApiError:
    return ApiError(409, f"Cán bộ chưa được giao sản phẩm nào trong kỳ {code} nên chưa có điểm / "
                         f"no tasks in {code}, so no score", code="no_tasks")


def enough_raters(group: str, figure: dict) -> bool:
    """Whether a rater group had enough raters to count and be shown ("not enough raters" otherwise):
    3 for peers and subordinates, 1 for the others; citizens when their responses were enough."""
    if group == "citizens":
        return figure.get("mean") is not None
    return figure.get("raters", 0) >= (MIN_ANONYMOUS_RATERS if group in ANONYMOUS_GROUPS else 1)


def named(general: dict) -> dict:
    """The 360 breakdown (as stored: by index code) with each index group's name and, per rater
    group, whether it had enough raters."""
    indices = {}
    for code, figures in general.get("indices", {}).items():
        groups = {g: {**f, "enough_raters": enough_raters(g, f)} for g, f in (figures.get("groups") or {}).items()}
        indices[code] = {**figures, "name": INDEX_NAMES_VI[code], "groups": groups}
    return {**general, "indices": indices}


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
        view["leader_reasons"] = leader_reasons(round_.leader_record(cadre_id))
    return view


def frozen_view(doc: dict) -> dict:
    view = {name: doc.get(name) for name in ("cadre_id", "unit_id", "task_group", "period", "is_leader",
                                             *FIGURES, "level", "override", "versions", "computed_at")}
    view.update(status="final", level_name=LEVEL_NAMES_VI[doc["level"]], general=named(doc.get("general") or {}))
    if doc.get("is_leader"):
        view["leader_reasons"] = doc.get("leader_reasons") or {}
    else:
        for name in LEADER_PARTS:
            view.pop(name)
    return view


def _period_and_round(cadre: registry.CadreFacts, code: str) -> tuple[Period, UnitRound | None, dict | None]:
    period = period_by_code(code)
    if period.status == CLOSED:
        found = frozen(period.code, cadre.id, cadre.unit_id)
        if found is not None:
            return period, None, found
    return period, load_unit_round(cadre.unit_id, parse_period_code(period.code)), None


def cadre_score(principal: Principal, cadre_id: str, code: str) -> dict:
    cadre = registry.visible_cadre(principal, cadre_id)
    period, round_, found = _period_and_round(cadre, code)
    if found is not None:
        return frozen_view(found)
    view = None if period.status == CLOSED else live_view(round_, cadre.id, period.code, "provisional")
    if view is None:
        raise no_score(period.code)
    return view


def cadre_general(principal: Principal, cadre_id: str, code: str) -> dict:
    """The 360 breakdown (works before any task is assigned)."""
    cadre = registry.visible_cadre(principal, cadre_id)
    period, round_, found = _period_and_round(cadre, code)
    general = found["general"] if found is not None else round_.general[cadre.id].as_record()
    return {"cadre_id": cadre.id, "period": period.code, **named(general)}


def unit_scores(principal: Principal, period_id: str, unit_id: str) -> list[dict]:
    ensure_unit(principal, unit_id)
    period = find_period(period_id)
    if period.status == CLOSED:
        # those frozen in the unit who are still on its roster
        found = frozen_in_unit(period.code, unit_id)
        views = [frozen_view(found[c.id]) for c in registry.cadres_in([unit_id], active_only=False) if c.id in found]
    else:
        round_ = load_unit_round(unit_id, parse_period_code(period.code))
        views = [live_view(round_, cadre_id, period.code, "provisional") for cadre_id in round_.scores]
    return sorted(views, key=lambda v: (-v["total"], v["cadre_id"]))
