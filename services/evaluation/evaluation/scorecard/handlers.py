"""The resolution targets scorecard (PRODUCT §3.6) from what the registry and the appraisal know:
active cadres with their position and gaps, the approved final levels of the period's year (the
year-end classification once the year is closed, the period's until then), counted citizen
responses of the period, and leaders classified not_completed in the year's closed periods or for
the year (the year-end result) with whether they were replaced."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError

from ..appraisal import queries as appraisal
from ..registry import queries as registry
from .domain import (ApprovedResults, BelowStandardLeader, CounterSatisfaction, ScorecardCadre,
                     classification_summary, good_or_better, is_key_post, is_non_local_title, scorecard)


def _period(code: str | None) -> appraisal.PeriodFacts | None:
    if code:
        period = appraisal.period(code)
        if not period.closed:
            raise ApiError(409, f"Kỳ {code} chưa khóa: bảng chỉ tiêu dùng kết quả đã chốt / "
                                f"period {code} is not closed yet", code="period_open")
        return period
    return appraisal.latest_closed_period()


def _cadres(unit_ids: list[str], period: appraisal.PeriodFacts | None) -> list[ScorecardCadre]:
    """The units' active cadres as the scorecard counts them, kept while no roster changed (ten thousand
    for the province) for the same key titles and period."""
    titles = {p.id: p.key_title for p in registry.key_title_positions()}
    key = ("scorecard", tuple(unit_ids), (period.year, period.ends_on) if period else None,
           tuple(sorted(titles.items())))
    return registry.kept_while_rosters_unchanged(key, lambda: _counted_cadres(unit_ids, period, titles))


def _counted_cadres(unit_ids: list[str], period: appraisal.PeriodFacts | None,
                    titles: dict[str, str | None]) -> list[ScorecardCadre]:
    cadres = registry.cadres_in(unit_ids)
    out = []
    for c in cadres:
        title = titles.get(c.position_id)
        out.append(ScorecardCadre(c.id, c.unit_id, c.gender, c.is_local, is_key_post(title),
                                  is_non_local_title(title), c.gap_keys, _discipline_in_year(c, period)))
    return out


def _discipline_in_year(cadre: registry.CadreFacts, period: appraisal.PeriodFacts | None) -> tuple[str, ...]:
    """Measures decided in the period's year up to its end (the figure grows over the year's quarters)."""
    if period is None or not cadre.discipline:
        return ()
    return tuple(d.measure for d in cadre.discipline
                 if d.decided_on.year == period.year and d.decided_on <= period.ends_on)


def _satisfaction(unit_ids: list[str], period: appraisal.PeriodFacts | None) -> list[CounterSatisfaction]:
    if period is None:
        return []
    return [CounterSatisfaction(unit, responses, satisfied)
            for unit, (responses, satisfied) in appraisal.unit_satisfaction(unit_ids, period.code).items()]


def _leaders(unit_ids: list[str], period: appraisal.PeriodFacts | None) -> list[BelowStandardLeader]:
    """Leaders rated Không hoàn thành in a closed period of the year or for the year itself (the
    year-end result, which a leader's Q4 folds into), each leader once per unit; replaced: no longer
    serving as a leader in the unit where they failed."""
    if period is None:
        return []
    failed = [(f.cadre_id, f.unit_id, f.period) for f in appraisal.leaders_not_completed(
        appraisal.closed_period_codes(period.year, period.ends_on), unit_ids)]
    failed += [(cadre_id, unit_id, str(period.year))
               for cadre_id, unit_id in appraisal.leaders_not_completed_in_year(period.year, unit_ids)]
    now = registry.cadres_by_id(cadre_id for cadre_id, _unit, _when in failed)
    out, seen = [], set()
    for cadre_id, unit_id, when in failed:
        if (cadre_id, unit_id) in seen:
            continue
        seen.add((cadre_id, unit_id))
        cadre = now.get(cadre_id)
        still = cadre is not None and cadre.active and cadre.is_leader and cadre.unit_id == unit_id
        out.append(BelowStandardLeader(cadre_id, unit_id, when, replaced=not still))
    return out


# The finished card, kept per worker: (unit in scope or None, period asked for or None) → (what it was
# made from, made at, what ``finish`` made of the card: the response body). A province's card counted ten
# thousand cadres' figures per unit and the schema dumped nine hundred figures on every call (~45 ms of
# the service's CPU) for inputs that change a few times a day. What it was made from: every period's
# code, year, status and end (a closing; a closed period's frozen scores are written before it shows
# closed), the chosen year's close, the classifications' version (the closing, a unit's decision and
# the approval move it), the version of the chosen period's response facts (a kiosk's answer of
# another period leaves the card as it is), the rosters (every cadre fact counted, the leaders
# replaced), the units' and the positions' (key titles) versions: seven reads, all by ``_id`` but the
# periods'. A card is made again after CARD_MAX_AGE anyway: a writer that died before moving its version,
# or frozen scores regrouped into periods already closed (appraisal.queries keeps a unit with none that
# long too).
CARD_MAX_AGE, CARDS_KEPT = 300.0, 512
_cards: dict[tuple, tuple[tuple, float, object]] = {}
_cards_lock = threading.Lock()


def _inputs(code: str | None) -> tuple:
    """The versions of everything the card of period ``code`` (None: the latest closed) reads."""
    periods = appraisal.period_states()
    chosen = max((p for p in periods if (p.code == code if code else p.closed)), key=lambda p: p.ends_on,
                 default=None)
    year = (chosen.year, appraisal.year_closed(chosen.year)) if chosen else None
    return periods, year, appraisal.versions(chosen.code if chosen else None), registry.versions()


def kept_scorecards(principal: Principal, query: dict, finish: Callable[[dict], object]) -> object:
    """``finish(unit_scorecards(...))`` (the response body, say) as kept while none of the card's inputs
    moved (the rosters' version names the store: a test's fresh database never matches); the same
    object to every caller, who must not change it."""
    unit_id = registry.unit_scope(principal, query.get("unit_id"))
    code = query.get("period")
    key, now = (unit_id, code), time.monotonic()
    inputs = _inputs(code)
    with _cards_lock:
        held = _cards.get(key)
    if held is not None and held[0] == inputs and now - held[1] < CARD_MAX_AGE:
        return held[2]
    finished = finish(_scorecards(unit_id, query))
    with _cards_lock:
        if len(_cards) >= CARDS_KEPT:
            _cards.clear()
        _cards[key] = (inputs, now, finished)
    return finished


def unit_scorecards(principal: Principal, query: dict) -> dict:
    return _scorecards(registry.unit_scope(principal, query.get("unit_id")), query)


def _scorecards(unit_id: str | None, query: dict) -> dict:
    period = _period(query.get("period"))
    units = registry.units_in_scope(unit_id)
    unit_ids = [u.id for u in units]
    cadres, satisfaction, leaders = _cadres(unit_ids, period), _satisfaction(unit_ids, period), \
        _leaders(unit_ids, period)
    by_unit = [_by_unit(items) for items in (cadres, satisfaction, leaders)]
    approved = appraisal.approved_levels(period.code, unit_ids) if period is not None else {}
    results = _approved_results(period, unit_ids, approved)
    per_unit = [{"unit_id": u.id, "code": u.code, "name": u.name,
                 "figures": scorecard(*(group.get(u.id, []) for group in by_unit), unit_level=True,
                                      good=good_or_better(results, [u.id])),
                 "classification": classification_summary([approved[u.id]] if u.id in approved else [], 1)}
                for u in units]
    province = None if unit_id else scorecard(cadres, satisfaction, leaders, unit_level=False,
                                              good=good_or_better(results, unit_ids))
    return {"period": period.code if period else None, "province": province, "units": per_unit,
            "classification": classification_summary(list(approved.values()), len(units))}


def _approved_results(period: appraisal.PeriodFacts | None, unit_ids: list[str],
                      period_levels: dict[str, dict[str, int]]) -> ApprovedResults | None:
    """The year's approved results once the year is closed, else the period's (already read)."""
    if period is None:
        return None
    if appraisal.year_closed(period.year):
        return ApprovedResults(str(period.year), f"năm {period.year}", True,
                               appraisal.approved_levels(str(period.year), unit_ids))
    return ApprovedResults(period.code, appraisal.period_name(period.code), False, period_levels)


def _by_unit(items: list) -> dict[str, list]:
    """The items of each unit (grouped once: a province has a hundred units and ten thousand cadres)."""
    grouped: dict[str, list] = {}
    for item in items:
        grouped.setdefault(item.unit_id, []).append(item)
    return grouped
