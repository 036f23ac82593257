"""A cadre's own record, read from storage, in the shape the early warning reads
(``domain.risk_features.CadreHistory``): closed-period scores, counted citizen responses,
standard gaps, time in position, probation and discipline dates. Nothing else is loaded."""
from __future__ import annotations

from cadre_shared.periods import parse_period_code
from cadre_shared.satisfaction import SATISFIED

from ..appraisal.models.satisfaction import SatisfactionFact
from ..appraisal.models.scores import FrozenScore
from ..domain.risk_features import CadreHistory, PeriodRecord, SatisfactionRecord
from ..registry.models import Cadre

CADRE_FIELDS = ("id", "unit_id", "is_leader", "gap_keys", "appointed_on", "probation_until", "discipline")


def _index_scores(general: dict) -> tuple[float, ...]:
    indices = (general or {}).get("indices") or {}
    return tuple(float(i["score"]) for i in indices.values() if isinstance(i, dict) and i.get("score") is not None)


def _period_record(doc: FrozenScore) -> PeriodRecord:
    return PeriodRecord(code=doc.period, total=doc.total, a=doc.a, b=doc.b, c=doc.c, level=doc.level, d=doc.d,
                        general_points=doc.general_points, index_scores=_index_scores(doc.general))


def _satisfaction(facts: list[SatisfactionFact], codes: list[str]) -> tuple[SatisfactionRecord, ...]:
    records = []
    for code in codes:
        mine = [f for f in facts if code in (f.quarter, f.month)]
        if mine:
            records.append(SatisfactionRecord(code, len(mine), sum(f.overall in SATISFIED for f in mine),
                                              sum(f.overall == "dissatisfied" for f in mine)))
    return tuple(records)


def histories(cadres: list[Cadre]) -> dict[str, CadreHistory]:
    """The history of each cadre, periods oldest first (by the period's end date)."""
    ids = [c.id for c in cadres]
    scores: dict[str, list[FrozenScore]] = {}
    for doc in FrozenScore.objects(cadre_id__in=ids).exclude("outbox", "leader_reasons"):
        scores.setdefault(doc.cadre_id, []).append(doc)
    facts: dict[str, list[SatisfactionFact]] = {}
    for fact in SatisfactionFact.objects(cadre_id__in=ids, counted=True):
        facts.setdefault(fact.cadre_id, []).append(fact)
    result = {}
    for cadre in cadres:
        docs = sorted(scores.get(cadre.id, []), key=lambda d: parse_period_code(d.period).ends_on)
        codes = [d.period for d in docs]
        result[cadre.id] = CadreHistory(
            cadre_id=cadre.id, periods=tuple(_period_record(d) for d in docs),
            satisfaction=_satisfaction(facts.get(cadre.id, []), codes), gap_keys=tuple(cadre.gap_keys or ()),
            appointed_on=cadre.appointed_on, probation_until=cadre.probation_until,
            discipline_dates=tuple(d.decided_on for d in cadre.discipline), is_leader=bool(cadre.is_leader))
    return result


def cadres_in(unit_id: str | None, active_only: bool = True) -> list[Cadre]:
    query = {"unit_id": unit_id} if unit_id else {}
    if active_only:
        query["status"] = "active"
    return list(Cadre.objects(**query).only(*CADRE_FIELDS))
