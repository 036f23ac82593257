"""The resolution targets scorecard (PRODUCT §3.6) read from storage: active cadres with their
position, gaps and final level in a closed period, counted citizen responses of the period, and
leaders classified not_completed in the year's closed periods with whether they were replaced."""
from __future__ import annotations

from mongoengine import Q

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError
from cadre_shared.periods import parse_period_code
from cadre_shared.satisfaction import SATISFIED

from ..appraisal.domain.periods import CLOSED
from ..appraisal.handlers.periods import period_by_code
from ..appraisal.models.periods import Period
from ..appraisal.models.satisfaction import SatisfactionFact
from ..appraisal.models.scores import FrozenScore
from ..domain.scorecard import BelowStandardLeader, CounterSatisfaction, ScorecardCadre, scorecard
from ..registry.models import Cadre, Position, Unit
from ..registry.queries import unit_scope as scope_of



def _period(code: str | None) -> Period | None:
    if code:
        period = period_by_code(code)
        if period.status != CLOSED:
            raise ApiError(409, f"Kỳ {code} chưa khóa: bảng chỉ tiêu dùng kết quả đã chốt / "
                                f"period {code} is not closed yet", code="period_open")
        return period
    return Period.objects(status=CLOSED).order_by("-ends_on").first()


def _cadres(unit_ids: list[str], period: Period | None) -> list[ScorecardCadre]:
    cadres = list(Cadre.objects(status="active", unit_id__in=unit_ids)
                  .only("id", "unit_id", "gender", "is_local", "position_id", "gap_keys"))
    positions = {p.id: p for p in Position.objects(id__in=list({c.position_id for c in cadres if c.position_id}))
                 .only("id", "code", "task_group")}
    levels = {}
    if period is not None:
        levels = {s.cadre_id: s.level for s in FrozenScore.objects(period=period.code,
                                                                   cadre_id__in=[c.id for c in cadres])
                  .only("cadre_id", "level")}
    out = []
    for c in cadres:
        position = positions.get(c.position_id)
        out.append(ScorecardCadre(c.id, c.unit_id, c.gender, bool(c.is_local), position.code if position else None,
                                  position.task_group if position else None, tuple(c.gap_keys or ()),
                                  levels.get(c.id)))
    return out


def _satisfaction(unit_ids: list[str], period: Period | None) -> list[CounterSatisfaction]:
    if period is None:
        return []
    counts: dict[str, list[int]] = {}
    for fact in SatisfactionFact.objects(Q(quarter=period.code) | Q(month=period.code), counted=True,
                                         unit_id__in=unit_ids).only("unit_id", "overall"):
        pair = counts.setdefault(fact.unit_id, [0, 0])
        pair[0] += 1
        pair[1] += fact.overall in SATISFIED
    return [CounterSatisfaction(unit, responses, satisfied) for unit, (responses, satisfied) in counts.items()]


def _leaders(unit_ids: list[str], period: Period | None) -> list[BelowStandardLeader]:
    """Replaced: no longer serving as a leader in the unit where they failed."""
    if period is None:
        return []
    span = parse_period_code(period.code)
    codes = [p.code for p in Period.objects(status=CLOSED, year=span.year).only("code", "ends_on")
             if p.ends_on <= period.ends_on]
    failed = list(FrozenScore.objects(period__in=codes, is_leader=True, level="not_completed",
                                      unit_id__in=unit_ids).only("cadre_id", "unit_id", "period"))
    now = {c.id: c for c in Cadre.objects(id__in=[f.cadre_id for f in failed]).only("id", "status", "is_leader",
                                                                                     "unit_id")}
    out = []
    for f in failed:
        cadre = now.get(f.cadre_id)
        still = cadre is not None and cadre.status == "active" and cadre.is_leader and cadre.unit_id == f.unit_id
        out.append(BelowStandardLeader(f.cadre_id, f.unit_id, f.period, replaced=not still))
    return out


def unit_scorecards(principal: Principal, query: dict) -> dict:
    unit_id = scope_of(principal, query.get("unit_id"))
    period = _period(query.get("period"))
    units = list(Unit.objects(**({"id": unit_id} if unit_id else {"kind__in": ["commune", "ward"]}))
                 .only("id", "code", "name").order_by("code"))
    unit_ids = [u.id for u in units]
    cadres, satisfaction, leaders = _cadres(unit_ids, period), _satisfaction(unit_ids, period), \
        _leaders(unit_ids, period)
    per_unit = [{"unit_id": u.id, "code": u.code, "name": u.name,
                 "figures": scorecard([c for c in cadres if c.unit_id == u.id],
                                      [s for s in satisfaction if s.unit_id == u.id],
                                      [lead for lead in leaders if lead.unit_id == u.id], unit_level=True)}
                for u in units]
    province = None if unit_id else scorecard(cadres, satisfaction, leaders, unit_level=False)
    return {"period": period.code if period else None, "province": province, "units": per_unit}
