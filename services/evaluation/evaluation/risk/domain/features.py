"""Features of the early warning (cảnh báo sớm), from a cadre's own record only (PRODUCT §3.5).

Gender, ethnicity, age or birth year, birthplace and the local/non-local flag are never
inputs: ``CadreHistory`` has no field for them, and ``EXCLUDED`` names them so tests (and the
fairness audit, the only place that reads them) can check it stays so.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from operator import attrgetter

import numpy as np

EXCLUDED = ("gender", "ethnicity", "age", "birth_year", "birthplace", "is_local")

FEATURES = ("last_total", "mean_total", "recent_total", "total_trend", "periods_below_50", "last_not_completed",
            "last_a", "last_b", "last_c", "leader_d_50", "general_points", "general_spread", "satisfaction_rate",
            "satisfaction_overall", "satisfaction_trend", "dissatisfied_responses", "standard_gaps", "course_gaps",
            "months_in_position", "on_probation", "discipline_records")
# Weight of each older period in ``recent_total`` (a cadre's level drifts: the latest periods say most).
RECENT_DECAY = 0.5


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class SatisfactionRecord:
    """Counted citizen responses about the cadre in one period."""
    code: str
    responses: int
    satisfied: int                            # very satisfied + satisfied
    dissatisfied: int


@dataclass(frozen=True)
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

    def up_to(self, code: str) -> "CadreHistory":
        """The history as it stood when period ``code`` closed (for training rows)."""
        codes = [p.code for p in self.periods]
        cut = codes.index(code) + 1
        kept = set(codes[:cut])
        return CadreHistory(self.cadre_id, self.periods[:cut],
                            tuple(s for s in self.satisfaction if s.code in kept), self.gap_keys,
                            self.appointed_on, self.probation_until, self.discipline_dates, self.is_leader)


def _months_between(start: date, end: date) -> int:
    return max(0, (end.year - start.year) * 12 + end.month - start.month)


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


def _column(items: list, name: str) -> np.ndarray:
    """One attribute of every item as floats (None: NaN)."""
    return np.fromiter((np.nan if v is None else v for v in map(attrgetter(name), items)), float, len(items))


def feature_matrix(histories: Sequence[CadreHistory], as_of: date) -> np.ndarray:
    """One row per cadre, one column per feature of ``FEATURES``; NaN where the record says nothing.
    Column by column over the whole batch (a province's 200,000 cadres in about a second): each
    cadre's periods and answers are flattened once, and numpy does the arithmetic per cadre."""
    rows = len(histories)
    out = np.full((rows, len(FEATURES)), np.nan)
    if not rows:
        return out
    col = {name: index for index, name in enumerate(FEATURES)}
    counts = np.fromiter((len(h.periods) for h in histories), int, rows)
    group = np.repeat(np.arange(rows), counts)
    periods = [p for h in histories for p in h.periods]
    totals = _column(periods, "total")
    has = counts > 0
    lasts = [h.periods[-1] for h in histories if h.periods]
    for feature, name in (("last_total", "total"), ("last_a", "a"), ("last_b", "b"), ("last_c", "c"),
                          ("general_points", "general_points")):
        out[has, col[feature]] = _column(lasts, name)
    out[has, col["mean_total"]] = _per_row(rows, group, totals)[has] / counts[has]
    out[:, col["total_trend"]] = _slopes(rows, group, totals)
    out[:, col["periods_below_50"]] = _per_row(rows, group, (totals < 50).astype(float))
    # exponentially weighted mean of the totals, the latest period weighing most
    age = np.repeat(counts, counts) - 1 - (np.arange(len(totals)) - np.repeat(np.cumsum(counts) - counts, counts))
    weights = RECENT_DECAY ** age
    out[has, col["recent_total"]] = _per_row(rows, group, weights * totals)[has] / _per_row(rows, group, weights)[has]
    out[has, col["last_not_completed"]] = np.fromiter((p.level == "not_completed" for p in lasts), float, len(lasts))
    out[:, col["leader_d_50"]] = _per_row(rows, group, np.fromiter((p.d == 50 for p in periods), float, len(periods)))
    index_counts = np.zeros(rows, dtype=int)
    index_counts[has] = [len(p.index_scores) for p in lasts]
    index_group = np.repeat(np.arange(rows), index_counts)
    index_scores = np.fromiter((v for p in lasts for v in p.index_scores), float, int(index_counts.sum()))
    mean = _per_row(rows, index_group, index_scores) / np.maximum(index_counts, 1)
    variance = _per_row(rows, index_group, (index_scores - mean[index_group]) ** 2) / np.maximum(index_counts, 1)
    out[:, col["general_spread"]] = np.where(index_counts >= 2, np.sqrt(variance), np.nan)
    answers = [s for h in histories for s in h.satisfaction]
    answer_group = np.repeat(np.arange(rows), np.fromiter((len(h.satisfaction) for h in histories), int, rows))
    out[:, col["dissatisfied_responses"]] = _per_row(rows, answer_group, _column(answers, "dissatisfied"))
    responses = _column(answers, "responses")
    answered = responses > 0
    rate_group = answer_group[answered]
    rates = _column(answers, "satisfied")[answered] / responses[answered]
    out[:, col["satisfaction_trend"]] = _slopes(rows, rate_group, rates)
    answered_all = _per_row(rows, answer_group, responses)
    with np.errstate(invalid="ignore", divide="ignore"):
        out[:, col["satisfaction_overall"]] = np.where(
            answered_all > 0, _per_row(rows, answer_group, _column(answers, "satisfied")) / answered_all, np.nan)
    last_rate = np.full(rows, -1)
    last_rate[rate_group] = np.arange(len(rates))  # the last write of each row wins: its latest rate
    rated = last_rate >= 0
    out[rated, col["satisfaction_rate"]] = rates[last_rate[rated]]
    out[:, col["standard_gaps"]] = np.fromiter((len(h.gap_keys) for h in histories), float, rows)
    out[:, col["course_gaps"]] = np.fromiter((sum(k.startswith("course:") for k in h.gap_keys) for h in histories),
                                             float, rows)
    out[:, col["months_in_position"]] = np.fromiter((_months_between(h.appointed_on, as_of) if h.appointed_on
                                                     else np.nan for h in histories), float, rows)
    out[:, col["on_probation"]] = np.fromiter((bool(h.probation_until and h.probation_until >= as_of)
                                               for h in histories), float, rows)
    out[:, col["discipline_records"]] = np.fromiter((sum(d <= as_of for d in h.discipline_dates)
                                                     for h in histories), float, rows)
    return out


def risk_features(history: CadreHistory, as_of: date) -> dict[str, float | None]:
    """The feature vector of one cadre at ``as_of``, by name (the batch's arithmetic, for one row)."""
    return {name: None if np.isnan(value) else float(value)
            for name, value in zip(FEATURES, feature_matrix([history], as_of)[0])}
