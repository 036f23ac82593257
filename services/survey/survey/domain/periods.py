"""Evaluation periods a response belongs to (kỳ đánh giá): quarters like ``2026-Q4`` and
months like ``2026-11`` (``cadre_shared.periods``, reckoned on Vietnam's calendar, so an answer
given at 01:00 on 1 January counts in the new year's first quarter). A period's ``kind``
(quarter or month) names the stored field that holds its code."""
from __future__ import annotations

from cadre_shared.periods import PeriodSpan as Period
from cadre_shared.periods import parse_period_code as parse_period
from cadre_shared.periods import period_codes_of as periods_of

__all__ = ["Period", "parse_period", "periods_of", "trailing_periods"]


def trailing_periods(last: Period, count: int) -> list[Period]:
    """The ``count`` periods ending with ``last``, oldest first (for trend charts)."""
    periods = [last]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    return list(reversed(periods))
