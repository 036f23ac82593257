"""The year-end result (kết quả đánh giá, xếp loại cuối năm, PRODUCT.md §3.2): the unrounded mean of
the year's frozen period scores over the quarters the cadre worked — wherever they worked them, a
cadre rotated mid-year keeping the quarters of the previous unit — classified with the period's
rules (Decree 335 thresholds on the unrounded mean, overrides) before the same quota and approval.

Monthly periods (a province's choice) roll up the same way: a quarter's figure is the mean of the
months worked in it, and the year the mean of the quarters worked, so every quarter weighs alike.
Leaders get proposals for Q1–Q3 only: their Q4 folds into the year-end result (``proposed_in_period``).
An evaluation *scope* is a period code (``2026-Q4``, ``2026-11``) or a year code (``2026``).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Iterable

from cadre_shared.periods import parse_period_code

from .scoring import NOT_COMPLETED, classify_period_score

YEAR_CODE = re.compile(r"^\d{4}$")
QUARTERS = (1, 2, 3, 4)
LEADERS_FOLDED_QUARTER = 4  # Q4 of a leader is not proposed separately: the year-end result takes its place


def is_year_code(code: str) -> bool:
    return bool(YEAR_CODE.match(code or ""))


def quarter_of(code: str) -> int:
    span = parse_period_code(code)
    return span.quarter or (span.month - 1) // 3 + 1


def proposed_in_period(code: str, is_leader: bool) -> bool:
    """Whether a cadre's score in this period enters the unit's classification proposal: always,
    except a leader's Q4 (or a month of it), which the year-end result takes the place of."""
    return not (is_leader and quarter_of(code) == LEADERS_FOLDED_QUARTER)


@dataclass(frozen=True)
class PeriodTotal:
    """A cadre's frozen score in one closed period of the year, with the unit they worked it in."""
    code: str
    unit_id: str
    total: float
    override: str | None = None


@dataclass(frozen=True)
class QuarterTotal:
    quarter: int
    total: float
    periods: tuple[str, ...]


@dataclass(frozen=True)
class YearResult:
    periods: tuple[PeriodTotal, ...]
    quarters: tuple[QuarterTotal, ...]
    mean: float
    level: str
    override: str | None


def _mean(values: list[float]) -> float:
    return math.fsum(values) / len(values)


def quarter_totals(periods: Iterable[PeriodTotal]) -> list[QuarterTotal]:
    """One figure per quarter worked: the quarter period's score, else the mean of its months worked
    (a quarter evaluated both ways keeps its quarter period: that is what the province closed as such)."""
    by_quarter: dict[int, list[PeriodTotal]] = {}
    for period in periods:
        by_quarter.setdefault(quarter_of(period.code), []).append(period)
    found = []
    for quarter in sorted(by_quarter):
        members = by_quarter[quarter]
        whole = [p for p in members if parse_period_code(p.code).quarter]
        used = whole[:1] or sorted(members, key=lambda p: p.code)
        found.append(QuarterTotal(quarter, _mean([p.total for p in used]), tuple(p.code for p in used)))
    return found


def year_result(periods: Iterable[PeriodTotal]) -> YearResult:
    """The year-end result from the periods worked (at least one). An override of any period stands
    for the year (its facts are dated in the year: a reprimand, a conclusion of degradation…)."""
    periods = sorted(periods, key=lambda p: (parse_period_code(p.code).ends_on, p.code))
    if not periods:
        raise ValueError("a year-end result needs at least one period worked")
    quarters = quarter_totals(periods)
    mean = _mean([q.total for q in quarters])
    override = next((p.override for p in reversed(periods) if p.override), None)
    level = NOT_COMPLETED if override else classify_period_score(mean)
    used = {code for q in quarters for code in q.periods}
    return YearResult(tuple(p for p in periods if p.code in used), tuple(quarters), mean, level, override)


def unclosed_quarters(year: int, period_statuses: dict[str, str]) -> list[int]:
    """The quarters of ``year`` not closed yet: a quarter is closed when its quarter period is, or,
    for a province evaluating by month, when all three months are; a quarter without any period is
    not closed. ``period_statuses``: code → status of the year's periods."""
    def closed(code: str) -> bool:
        return period_statuses.get(code) == "closed"

    missing = []
    for quarter in QUARTERS:
        months = [f"{year}-{m:02d}" for m in range(3 * quarter - 2, 3 * quarter + 1)]
        if not (closed(f"{year}-Q{quarter}") or all(closed(m) for m in months)):
            missing.append(quarter)
    return missing
