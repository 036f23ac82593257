"""Features of the early warning (cảnh báo sớm), from a cadre's own record only (PRODUCT §3.5).

Gender, ethnicity, age or birth year, birthplace and the local/non-local flag are never
inputs: ``CadreHistory`` has no field for them, and ``EXCLUDED`` names them so tests (and the
fairness audit, the only place that reads them) can check it stays so.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import chain, compress, repeat
from operator import attrgetter, eq, ge, is_not, le, methodcaller

import numpy as np

from .standard import STANDARD_DEADLINE_MONTHS, is_dated, judged_gaps

EXCLUDED = ("gender", "ethnicity", "age", "birth_year", "birthplace", "is_local")

FEATURES = ("last_total", "mean_total", "recent_total", "total_trend", "periods_below_50", "last_not_completed",
            "last_a", "last_b", "last_c", "leader_d_50", "general_points", "general_spread", "satisfaction_rate",
            "satisfaction_overall", "satisfaction_trend", "dissatisfied_responses", "standard_gaps", "course_gaps",
            "months_in_position", "on_probation", "discipline_records")
# Weight of each older period in ``recent_total`` (a cadre's level drifts: the latest periods say most).
RECENT_DECAY = 0.5
MONTH_DAYS = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


@dataclass(frozen=True, slots=True)
class PeriodRecord:
    """One closed period of the cadre: its frozen score."""
    code: str
    total: float
    a: float
    b: float
    c: float
    level: str
    d: float | None = None
    general_points: float | None = None
    index_scores: tuple[float, ...] = ()      # the three general-criteria index scores (0–10)


@dataclass(frozen=True, slots=True)
class SatisfactionRecord:
    """Counted citizen responses about the cadre in one period."""
    code: str
    responses: int
    satisfied: int                            # very satisfied + satisfied
    dissatisfied: int


@dataclass(frozen=True, slots=True)
class CadreHistory:
    """What the model may know of one cadre, oldest period first."""
    cadre_id: str
    periods: tuple[PeriodRecord, ...] = ()
    satisfaction: tuple[SatisfactionRecord, ...] = ()
    gap_keys: tuple[str, ...] = ()
    appointed_on: date | None = None
    probation_until: date | None = None
    discipline_dates: tuple[date, ...] = ()
    is_leader: bool = False
    training_reported: bool = True            # the training service has reported on the cadre

    @property
    def judged_gap_keys(self) -> tuple[str, ...]:
        """The unmet items the warning judges: the courses only once the training service reported."""
        return judged_gaps(self.gap_keys, self.training_reported)

    def up_to(self, code: str) -> "CadreHistory":
        """The history as it stood when period ``code`` closed (for training rows)."""
        codes = [p.code for p in self.periods]
        cut = codes.index(code) + 1
        kept = set(codes[:cut])
        return CadreHistory(self.cadre_id, self.periods[:cut],
                            tuple(s for s in self.satisfaction if s.code in kept), self.gap_keys,
                            self.appointed_on, self.probation_until, self.discipline_dates, self.is_leader,
                            self.training_reported)


def _per_row(rows: int, group: np.ndarray, values: np.ndarray) -> np.ndarray:
    return np.bincount(group, weights=values, minlength=rows)


def _slopes(rows: int, group: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Least-squares slope of each row's values against their position (0, 1, …); NaN under two."""
    n = np.bincount(group, minlength=rows).astype(float)
    starts = np.concatenate(([0], np.cumsum(n)[:-1])).astype(int)
    x = np.arange(len(values)) - starts[group]
    mx, my = (n - 1) / 2, _per_row(rows, group, values) / np.maximum(n, 1)
    covariance = _per_row(rows, group, (x - mx[group]) * (values - my[group]))
    spread = _per_row(rows, group, (x - mx[group]) ** 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n >= 2, covariance / spread, np.nan)


# The records are read through map, attrgetter, chain and compress, which loop in C: a Python loop
# per cadre or per period (a million periods for a province) costs more than all the arithmetic.
def _numbers(items: list, name: str) -> np.ndarray:
    """One attribute of every item as floats (a field its record never leaves None)."""
    return np.fromiter(map(attrgetter(name), items), float, len(items))


def _optional(items: list, name: str) -> np.ndarray:
    """One attribute of every item as floats, None as NaN."""
    return np.array(list(map(attrgetter(name), items)), dtype=float)


def _compared(values: list, compare, bound) -> np.ndarray:
    """``compare(value, bound)`` of every value, as floats."""
    return np.fromiter(map(compare, values, repeat(bound)), float, len(values))


def _flat(owners: Sequence, name: str) -> tuple[list, np.ndarray, np.ndarray]:
    """Every owner's items of one field end to end, how many each has and the owner of each item."""
    parts = list(map(attrgetter(name), owners))
    counts = np.fromiter(map(len, parts), int, len(parts))
    return list(chain.from_iterable(parts)), counts, np.repeat(np.arange(len(parts)), counts)


def _present(owners: Sequence, name: str) -> tuple[list, np.ndarray]:
    """The owners' values of one field that are not None, and which owners have one."""
    values = list(map(attrgetter(name), owners))
    mask = np.fromiter(map(is_not, values, repeat(None)), bool, len(values))
    return list(compress(values, mask)), mask


def _deadline_keys(appointed: list) -> np.ndarray:
    """Each appointment's standard deadline (``standard.deadline_of``: the day kept, or the month's
    last day) as yyyymmdd numbers, for the whole batch at once."""
    months = _numbers(appointed, "year") * 12 + _numbers(appointed, "month") - 1 + STANDARD_DEADLINE_MONTHS
    year, month = months // 12, months % 12 + 1
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    last = MONTH_DAYS[month.astype(int) - 1] + ((month == 2) & leap)
    return year * 10000 + month * 100 + np.minimum(_numbers(appointed, "day"), last)


def feature_matrix(histories: Sequence[CadreHistory], as_of: date) -> np.ndarray:
    """One row per cadre, one column per feature of ``FEATURES``; NaN where the record says nothing.
    Column by column over the whole batch: each cadre's periods and answers are flattened once,
    and numpy does the arithmetic per cadre."""
    rows = len(histories)
    out = np.full((rows, len(FEATURES)), np.nan)
    if not rows:
        return out
    col = {name: index for index, name in enumerate(FEATURES)}
    periods, counts, group = _flat(histories, "periods")
    totals = _numbers(periods, "total")
    has = counts > 0
    ends = np.cumsum(counts)[has] - 1
    lasts = list(map(periods.__getitem__, ends.tolist()))
    out[has, col["last_total"]] = totals[ends]
    for feature, name in (("last_a", "a"), ("last_b", "b"), ("last_c", "c")):
        out[has, col[feature]] = _numbers(lasts, name)
    out[has, col["general_points"]] = _optional(lasts, "general_points")
    out[has, col["mean_total"]] = _per_row(rows, group, totals)[has] / counts[has]
    out[:, col["total_trend"]] = _slopes(rows, group, totals)
    out[:, col["periods_below_50"]] = _per_row(rows, group, (totals < 50).astype(float))
    # exponentially weighted mean of the totals, the latest period weighing most
    age = np.repeat(counts, counts) - 1 - (np.arange(len(totals)) - np.repeat(np.cumsum(counts) - counts, counts))
    weights = RECENT_DECAY ** age
    out[has, col["recent_total"]] = _per_row(rows, group, weights * totals)[has] / _per_row(rows, group, weights)[has]
    out[has, col["last_not_completed"]] = _compared(list(map(attrgetter("level"), lasts)), eq, "not_completed")
    out[:, col["leader_d_50"]] = _per_row(rows, group, _compared(list(map(attrgetter("d"), periods)), eq, 50))
    scores, last_index_counts, _ = _flat(lasts, "index_scores")
    index_counts = np.zeros(rows, dtype=int)
    index_counts[has] = last_index_counts
    index_group = np.repeat(np.arange(rows), index_counts)
    index_scores = np.fromiter(scores, float, len(scores))
    mean = _per_row(rows, index_group, index_scores) / np.maximum(index_counts, 1)
    variance = _per_row(rows, index_group, (index_scores - mean[index_group]) ** 2) / np.maximum(index_counts, 1)
    out[:, col["general_spread"]] = np.where(index_counts >= 2, np.sqrt(variance), np.nan)
    answers, _, answer_group = _flat(histories, "satisfaction")
    responses, satisfied = _numbers(answers, "responses"), _numbers(answers, "satisfied")
    out[:, col["dissatisfied_responses"]] = _per_row(rows, answer_group, _numbers(answers, "dissatisfied"))
    answered = responses > 0
    rate_group = answer_group[answered]
    rates = satisfied[answered] / responses[answered]
    out[:, col["satisfaction_trend"]] = _slopes(rows, rate_group, rates)
    answered_all = _per_row(rows, answer_group, responses)
    with np.errstate(invalid="ignore", divide="ignore"):
        out[:, col["satisfaction_overall"]] = np.where(
            answered_all > 0, _per_row(rows, answer_group, satisfied) / answered_all, np.nan)
    last_rate = np.full(rows, -1)
    last_rate[rate_group] = np.arange(len(rates))  # the last write of each row wins: its latest rate
    rated = last_rate >= 0
    out[rated, col["satisfaction_rate"]] = rates[last_rate[rated]]
    appointed, known = _present(histories, "appointed_on")
    months = _numbers(appointed, "year") * 12 + _numbers(appointed, "month")
    # Counted up to the standard's deadline: the history spans a couple of years, the target's
    # second half is tied to that deadline, and a linear model carried the rise it saw up to it on
    # to every long-serving cadre (the demo's merger cohort, all 17 months in post: ~10% each).
    out[known, col["months_in_position"]] = np.clip(as_of.year * 12 + as_of.month - months, 0,
                                                    STANDARD_DEADLINE_MONTHS)
    # The unmet items count once past the standard's deadline (competencies, undated, always): the
    # registry keeps only today's gaps, so a row of an earlier period cannot know which items were
    # still unmet before its deadline — today's, read back then, told the model that whoever has an
    # item unmet now was bound to miss it, and it flagged the newly appointed who still have months.
    # The courses of a cadre the training service has not reported on yet are not known: not counted.
    keys, _, key_group = _flat(histories, "judged_gap_keys")
    overdue = np.zeros(rows, dtype=bool)
    overdue[known] = _deadline_keys(appointed) < as_of.year * 10000 + as_of.month * 100 + as_of.day
    counted = overdue[key_group] | ~np.fromiter(map(is_dated, keys), bool, len(keys))
    out[:, col["standard_gaps"]] = _per_row(rows, key_group, counted.astype(float))
    courses = np.fromiter(map(methodcaller("startswith", "course:"), keys), bool, len(keys))
    out[:, col["course_gaps"]] = _per_row(rows, key_group, (courses & counted).astype(float))
    probation, on = _present(histories, "probation_until")
    out[:, col["on_probation"]] = 0
    out[on, col["on_probation"]] = _compared(probation, ge, as_of)
    decisions, _, decision_group = _flat(histories, "discipline_dates")
    out[:, col["discipline_records"]] = _per_row(rows, decision_group, _compared(decisions, le, as_of))
    return out


def risk_features(history: CadreHistory, as_of: date) -> dict[str, float | None]:
    """The feature vector of one cadre at ``as_of``, by name (the batch's arithmetic, for one row)."""
    return {name: None if np.isnan(value) else float(value)
            for name, value in zip(FEATURES, feature_matrix([history], as_of)[0])}
