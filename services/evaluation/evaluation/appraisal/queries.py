"""What the other contexts may know of the appraisal, as plain values: periods, the scores frozen
when periods closed, and citizens' counted responses. The early warning and the scorecard read
the appraisal through these functions only, never its documents; succession planning reads the
year-end results the years' closings made."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import date

from mongoengine import Q

from cadre_shared.satisfaction import SATISFIED

from .domain.periods import CLOSED
from .domain.scoring import NOT_COMPLETED
from .domain.year_end import proposed_in_period
from .domain.classification import final_levels
from .handlers.classification import groups, rows
from .handlers.exports import period_name  # noqa: F401  (a period as reports title it: "Quý II năm 2026")
from .handlers.frozen import frozen, frozen_in_unit, frozen_of
from .handlers.periods import period_by_code
from .models.classifications import Classification, classifications_kept
from .models.periods import Period
from .models.rounds import round_id
from .models.scores import FrozenUnitScores
from .models.satisfaction import SatisfactionFact, satisfaction_facts_kept
from .models.years import EvaluationYear, YearResultDoc, year_result_id


@dataclass(frozen=True)
class PeriodFacts:
    code: str
    year: int
    status: str
    ends_on: date

    @property
    def closed(self) -> bool:
        return self.status == CLOSED


@dataclass(frozen=True)
class ClosedScore:
    """A cadre's score as frozen when a period closed."""
    period: str
    cadre_id: str
    unit_id: str
    is_leader: bool
    total: float
    a: float
    b: float
    c: float
    d: float | None
    general_points: float
    level: str
    index_scores: tuple[float, ...]  # the general-criteria index groups' scores (0–10) that had raters


@dataclass(frozen=True)
class CountedResponse:
    """A citizen's answer about a cadre that counts (not held as suspect, or cleared)."""
    quarter: str
    month: str
    overall: str


def _period(doc: Period) -> PeriodFacts:
    return PeriodFacts(doc.code, doc.year, doc.status, doc.ends_on)


def period(code: str) -> PeriodFacts:
    """The period a request names by code (unknown: 422 on ``period``)."""
    return _period(period_by_code(code))


def latest_closed_period() -> PeriodFacts | None:
    latest = Period.objects(status=CLOSED).order_by("-ends_on").first()
    return _period(latest) if latest else None


def period_states() -> tuple[PeriodFacts, ...]:
    """Every period, by code: one read of the periods (a few dozen documents) without their outbox,
    which a result kept over closed periods compares (a closing moves a status)."""
    docs = Period._get_collection().find({}, {"code": 1, "year": 1, "status": 1, "ends_on": 1})
    return tuple(sorted((PeriodFacts(d["code"], d["year"], d["status"], d["ends_on"].date())
                         for d in docs), key=lambda p: p.code))


def versions(period_code: str | None = None) -> tuple:
    """The versions of the classifications and of the citizens' response facts (of one period, if
    given: those ``unit_satisfaction`` counts for it), as of this call (two reads by ``_id``; the
    closing, a unit's decision and the approval move the first, a fact of the period the other)."""
    return (classifications_kept.version(Classification._get_db()),
            satisfaction_facts_kept.version(SatisfactionFact._get_db(), period_code))


def closed_period_codes(year: int, until: date) -> list[str]:
    """The closed periods of ``year`` that ended by ``until``."""
    return [p.code for p in Period.objects(status=CLOSED, year=year).only("code", "ends_on") if p.ends_on <= until]


def _index_scores(general: dict) -> tuple[float, ...]:
    indices = (general or {}).get("indices") or {}
    return tuple(float(i["score"]) for i in indices.values() if isinstance(i, dict) and i.get("score") is not None)


def _closed(row: dict) -> ClosedScore:
    return ClosedScore(row["period"], row["cadre_id"], row["unit_id"], bool(row["is_leader"]), row["total"], row["a"],
                       row["b"], row["c"], row.get("d"), row["general_points"], row["level"],
                       _index_scores(row.get("general")))


def _closed_codes() -> list[str]:
    """Every closed period's code, oldest first (the periods collection is a few dozen documents)."""
    return [p.code for p in sorted(Period.objects(status=CLOSED).only("code", "ends_on"), key=lambda p: p.ends_on)]


def closed_scores(cadre_ids: list[str]) -> dict[str, list[ClosedScore]]:
    """Each cadre's frozen scores, oldest period first (by the period's end date): per closed period,
    its placement's buckets and each unit that holds some of these cadres, read by ``_id``."""
    found: dict[str, list[ClosedScore]] = {}
    for code in _closed_codes():
        for cadre_id, row in frozen_of(code, cadre_ids).items():
            found.setdefault(cadre_id, []).append(_closed(row))
    return found


def year_closed(year: int) -> bool:
    """The year's close is done (its year-end results are made)."""
    doc = EvaluationYear._get_collection().find_one({"_id": str(year)}, {"status": 1})
    return doc is not None and doc.get("status") == CLOSED


def closed_scores_of(cadre_id: str, unit_id: str | None) -> list[ClosedScore]:
    """One cadre's frozen scores, oldest period first (the early warning re-assessing one cadre):
    per closed period, their unit's document (``unit_id``: their unit now), or where the period's
    placement says they were, read by ``_id``."""
    rows = (frozen(code, cadre_id, unit_id) for code in _closed_codes())
    return [_closed(row) for row in rows if row is not None]


def leaders_not_completed(period_codes: list[str], unit_ids: list[str]) -> list[ClosedScore]:
    """Leaders of these units classified Không hoàn thành nhiệm vụ in these closed periods; a leader's Q4
    is no classification of its own (the year-end result takes its place: leaders_not_completed_in_year)."""
    return [_closed(row) for code in period_codes if proposed_in_period(code, is_leader=True)
            for unit_id in unit_ids for row in _failed_leaders_frozen(code, unit_id)]


# (database, closed period, unit) → (read at, that unit's frozen rows of leaders classified not_completed):
# a unit's frozen scores are written once by its period's closing, before the period shows as closed, and
# never changed, so each worker reads each unit's once (the scorecard asks for a hundred units a call). A
# unit with none is read again after FROZEN_ABSENT_AGE (scores regrouped from an earlier version's
# layout are written into periods already closed: handlers.frozen_legacy).
_failed_frozen: dict[tuple[str, str, str], tuple[float, tuple[dict, ...] | None]] = {}
_failed_frozen_lock = threading.Lock()
FROZEN_ABSENT_AGE, FROZEN_KEPT = 300.0, 20000


def _failed_leaders_frozen(code: str, unit_id: str) -> tuple[dict, ...]:
    key, now = (FrozenUnitScores._get_db().name, code, unit_id), time.monotonic()
    with _failed_frozen_lock:
        held = _failed_frozen.get(key)
    if held is not None and (held[1] is not None or now - held[0] < FROZEN_ABSENT_AGE):
        return held[1] or ()
    frozen_rows = frozen_in_unit(code, unit_id)
    failed = tuple(row for row in frozen_rows.values() if row["is_leader"] and row["level"] == NOT_COMPLETED)
    with _failed_frozen_lock:
        if len(_failed_frozen) >= FROZEN_KEPT:
            _failed_frozen.clear()
        _failed_frozen[key] = (now, failed if frozen_rows else None)
    return failed


def leaders_not_completed_in_year(year: int, unit_ids: list[str]) -> list[tuple[str, str]]:
    """(cadre id, unit id) of the leaders of these units whose year-end result is Không hoàn thành
    nhiệm vụ (their Q4 folds into it): one read by ``_id`` of each unit's year classification (kept
    per worker until a classification is written)."""
    return classifications_kept.read(Classification._get_db(), ("failed_leaders", year, tuple(unit_ids)),
                                     lambda: _leaders_not_completed_in_year(year, unit_ids))


def _leaders_not_completed_in_year(year: int, unit_ids: list[str]) -> list[tuple[str, str]]:
    found = []
    for unit_id in unit_ids:
        doc = Classification._get_collection().find_one({"_id": round_id(str(year), unit_id)}, {"rows": 1})
        if doc is not None:
            found += [(r.cadre_id, unit_id) for r in rows(doc) if r.is_leader and r.score_level == NOT_COMPLETED]
    return found


def counted_responses(cadre_ids: list[str]) -> dict[str, list[CountedResponse]]:
    found: dict[str, list[CountedResponse]] = {}
    for fact in SatisfactionFact.objects(cadre_id__in=cadre_ids, counted=True):
        found.setdefault(fact.cadre_id, []).append(CountedResponse(fact.quarter, fact.month, fact.overall))
    return found


def unit_satisfaction(unit_ids: list[str], period_code: str) -> dict[str, tuple[int, int]]:
    """(counted responses, satisfied ones) per unit in the period (every unit's counts of the period,
    kept by each worker until a response fact changes: the scan reads every fact on the embedded store)."""
    every = satisfaction_facts_kept.read(SatisfactionFact._get_db(), ("units", period_code),
                                         lambda: _unit_satisfaction(period_code))
    return {unit_id: every[unit_id] for unit_id in unit_ids if unit_id in every}


def _unit_satisfaction(period_code: str) -> dict[str, tuple[int, int]]:
    counts: dict[str, tuple[int, int]] = {}
    for fact in SatisfactionFact.objects(Q(quarter=period_code) | Q(month=period_code),
                                         counted=True).only("unit_id", "overall"):
        responses, satisfied = counts.get(fact.unit_id, (0, 0))
        counts[fact.unit_id] = (responses + 1, satisfied + (fact.overall in SATISFIED))
    return counts


@dataclass(frozen=True)
class YearMean:
    """A closed year's result for a cadre, as the year's closing made it (the year-end result: the
    unrounded mean of the quarters worked and its level, overrides applied); ``periods``: how many
    periods it used."""
    year: int
    mean: float
    level: str
    periods: int


def year_means(cadre_ids: list[str], years: list[int]) -> dict[str, dict[int, YearMean]]:
    """For each cadre, each of ``years`` that is closed with a year-end result for them (a year not
    closed yet has none: its periods are not the year's result). One read by ``_id`` per (cadre, year)."""
    results = YearResultDoc._get_collection()
    found: dict[str, dict[int, YearMean]] = {}
    for cadre_id in cadre_ids:
        for year in years:
            doc = results.find_one({"_id": year_result_id(year, cadre_id)}, {"mean": 1, "level": 1, "periods": 1})
            if doc is not None:
                found.setdefault(cadre_id, {})[year] = YearMean(year, doc["mean"], doc["level"],
                                                                len(doc.get("periods") or []))
    return found


def approved_levels(period_code: str, unit_ids: list[str]) -> dict[str, dict[str, int]]:
    """{unit: {final level: cadres}} of each unit whose classification of the period is approved
    (the others are absent); one read by ``_id`` per unit (kept per worker until a classification is
    written)."""
    return classifications_kept.read(Classification._get_db(), ("approved", period_code, tuple(unit_ids)),
                                     lambda: _approved_levels(period_code, unit_ids))


def _approved_levels(period_code: str, unit_ids: list[str]) -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = {}
    collection = Classification._get_collection()
    for unit_id in unit_ids:
        doc = collection.find_one({"_id": round_id(period_code, unit_id)}, {"outbox": 0})
        if doc is None or doc["status"] != "approved":
            continue
        counts: dict[str, int] = {}
        for level in final_levels(rows(doc), groups(doc)).values():
            counts[level] = counts.get(level, 0) + 1
        found[unit_id] = counts
    return found
