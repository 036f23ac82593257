"""Closing a period: open → closing (no change is taken any more) → every score frozen with its
``score.computed`` event → closed. This module sits above the other appraisal handlers (it uses
periods and the unit round; nothing uses it). The frozen score is built from the rules' result
and stores codes; the labels are added when a score is shown."""
from __future__ import annotations

from mongoengine.errors import NotUniqueError

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError
from cadre_shared.periods import parse_period_code

from ...common.events import event
from ...common.ids import utcnow
from ...registry import queries as registry
from ..domain.periods import CLOSED, CLOSING, OPEN
from ..models.periods import Period
from ..models.scores import FrozenScore, score_id
from ..models.tasks import Task
from .period_scores import FIGURES, leader_reasons
from .periods import find_period
from .unit_round import UnitRound, load_unit_round


def close_period(principal: Principal, period_id: str) -> Period:
    """A close interrupted half-way is finished by closing again (frozen scores are stored once)."""
    period = find_period(period_id)
    if period.status == CLOSED:
        raise ApiError(409, f"Kỳ đánh giá {period.code} đã khóa / period {period.code} is already closed",
                       code="period_closed")
    Period.objects(id=period.id, status__in=[OPEN, CLOSING]).update_one(set__status=CLOSING,
                                                                       set__closed_by=principal.username)
    stored = freeze_scores(period.code)
    Period.objects(id=period.id, status=CLOSING).update_one(set__status=CLOSED, set__closed_at=utcnow(),
                                                            set__scores=stored)
    return find_period(period.id)


def frozen_score(round_: UnitRound, cadre_id: str) -> FrozenScore:
    """The stored copy of one cadre's score in the round, from the rules' result."""
    score, cadre = round_.scores[cadre_id], round_.cadres[cadre_id]
    leader = score.leader or {}
    return FrozenScore(id=score_id(round_.span.code, cadre_id), period=round_.span.code, cadre_id=cadre_id,
                       unit_id=cadre.unit_id, task_group=round_.task_groups.get(cadre_id), is_leader=cadre.is_leader,
                       a=score.a, b=score.b, c=score.c, d=leader.get("d"), dd=leader.get("dd"), e=leader.get("e"),
                       task_points=score.task_points, general_points=score.general_points, total=score.total,
                       level=score.level, override=score.override,
                       general=round_.general[cadre_id].as_record(),
                       leader_reasons=leader_reasons(round_.leader_records.get(cadre_id)) if cadre.is_leader else {})


def score_payload(doc: FrozenScore) -> dict:
    """The ``score.computed`` event's payload (its contract: cadre_shared.contracts.evaluation)."""
    payload = {name: getattr(doc, name) for name in ("cadre_id", "unit_id", "period", "task_group", "is_leader",
                                                     "level", "override")}
    payload.update({name: round(getattr(doc, name), 6) if getattr(doc, name) is not None else None
                    for name in FIGURES})
    return payload


def freeze_scores(code: str) -> int:
    """Freeze the score of every cadre with tasks in the period, each with its event; stored
    once (a repeated closing finds them there). Returns how many scores the period has."""
    span = parse_period_code(code)
    cadre_ids = {t.cadre_id for t in Task.objects(period=code).only("cadre_id")}
    units = sorted({c.unit_id for c in registry.cadres_by_id(cadre_ids).values()})
    stored = 0
    for unit_id in units:
        round_ = load_unit_round(unit_id, span)
        for cadre_id in round_.scores:
            doc = frozen_score(round_, cadre_id)
            doc.stage_event(event("score.computed", cadre_id, score_payload(doc)))
            try:
                doc.save(force_insert=True)
            except NotUniqueError:
                pass
            stored += 1
    return stored
