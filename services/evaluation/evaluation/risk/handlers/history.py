"""A cadre's own record, read from the registry and the appraisal, in the shape the early warning
reads (``domain.features.CadreHistory``): closed-period scores, counted citizen responses,
standard gaps, time in position, probation and discipline dates. Nothing else is loaded."""
from __future__ import annotations

from cadre_shared.clock import today
from cadre_shared.satisfaction import SATISFIED

from ...appraisal import queries as appraisal
from ...registry import queries as registry
from ..domain.features import CadreHistory, PeriodRecord, SatisfactionRecord
from ..domain.standard import courses_known


def _period_record(score: appraisal.ClosedScore) -> PeriodRecord:
    return PeriodRecord(code=score.period, total=score.total, a=score.a, b=score.b, c=score.c, level=score.level,
                        d=score.d, general_points=score.general_points, index_scores=score.index_scores)


def _satisfaction(responses: list[appraisal.CountedResponse], codes: list[str]) -> tuple[SatisfactionRecord, ...]:
    records = []
    for code in codes:
        mine = [r for r in responses if code in (r.quarter, r.month)]
        if mine:
            records.append(SatisfactionRecord(code, len(mine), sum(r.overall in SATISFIED for r in mine),
                                              sum(r.overall == "dissatisfied" for r in mine)))
    return tuple(records)


def _history(cadre: registry.CadreFacts, periods: list[appraisal.ClosedScore],
             satisfaction: tuple[SatisfactionRecord, ...]) -> CadreHistory:
    return CadreHistory(
        cadre_id=cadre.id, periods=tuple(_period_record(s) for s in periods), satisfaction=satisfaction,
        gap_keys=cadre.gap_keys, appointed_on=cadre.appointed_on, probation_until=cadre.probation_until,
        discipline_dates=tuple(d.decided_on for d in cadre.discipline), is_leader=cadre.is_leader,
        training_reported=courses_known(cadre.training_reported, cadre.registered_on, today()))


def histories(cadres: list[registry.CadreFacts]) -> dict[str, CadreHistory]:
    """The history of each cadre, periods oldest first."""
    ids = [c.id for c in cadres]
    scores, responses = appraisal.closed_scores(ids), appraisal.counted_responses(ids)
    result = {}
    for cadre in cadres:
        periods = scores.get(cadre.id, [])
        result[cadre.id] = _history(cadre, periods,
                                    _satisfaction(responses.get(cadre.id, []), [s.period for s in periods]))
    return result


def history_of(cadre: registry.CadreFacts, kept_satisfaction: list | None) -> CadreHistory:
    """One cadre's history, read by ``_id``: their frozen scores, and the satisfaction of their closed
    periods as the last full assessment counted it (it only changes when a period closes, which
    runs a full assessment, or by a late answer, which the nightly pass takes in). Without such a
    count (a cadre not assessed yet with closed periods, or just moved) the responses are read."""
    periods = appraisal.closed_scores_of(cadre.id, cadre.unit_id)
    if kept_satisfaction is not None or not periods:
        # rows kept before satisfaction became objects (MongoDB took the nested arrays) until the next pass
        satisfaction = tuple(SatisfactionRecord(**s) if isinstance(s, dict) else SatisfactionRecord(*s)
                             for s in kept_satisfaction or ())
    else:
        satisfaction = _satisfaction(appraisal.counted_responses([cadre.id]).get(cadre.id, []),
                                     [s.period for s in periods])
    return _history(cadre, periods, satisfaction)


def cadres_in(unit_id: str | None, active_only: bool = True) -> list[registry.CadreFacts]:
    return registry.cadres_in([unit_id] if unit_id else None, active_only)
