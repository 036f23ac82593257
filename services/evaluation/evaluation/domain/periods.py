"""Evaluation periods (kỳ đánh giá): a quarter by default, a month where the province chooses.

Codes are those the survey events carry: ``2026-Q4`` for a quarter, ``2026-11`` for a month.
A period is open while tasks and 360 ratings are collected; closing freezes them and the
scores computed at that moment become the period's record.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

OPEN, CLOSING, CLOSED = "open", "closing", "closed"
STATUS_NAMES_VI = {OPEN: "Đang mở", CLOSING: "Đang khóa", CLOSED: "Đã khóa"}
_CODE = re.compile(r"^(\d{4})-(?:Q([1-4])|(0[1-9]|1[0-2]))$")
CODE_PATTERN = _CODE.pattern


@dataclass(frozen=True)
class PeriodSpan:
    code: str
    year: int
    quarter: int | None
    month: int | None
    starts_on: date
    ends_on: date

    @property
    def kind(self) -> str:
        return "quarter" if self.quarter else "month"

    @property
    def year_starts_on(self) -> date:
        return date(self.year, 1, 1)


def _last_day(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def period_span(year: int, quarter: int | None = None, month: int | None = None) -> PeriodSpan:
    """The period of a year's quarter (1–4) or month (1–12): exactly one of the two."""
    if (quarter is None) == (month is None):
        raise ValueError("a period is either a quarter or a month")
    if quarter is not None:
        if not 1 <= quarter <= 4:
            raise ValueError("quarter must be 1–4")
        first, last, code = 3 * (quarter - 1) + 1, 3 * quarter, f"{year}-Q{quarter}"
    else:
        if not 1 <= month <= 12:
            raise ValueError("month must be 1–12")
        first, last, code = month, month, f"{year}-{month:02d}"
    return PeriodSpan(code, year, quarter, month, date(year, first, 1), _last_day(year, last))


def parse_period_code(code: str) -> PeriodSpan:
    match = _CODE.match(code or "")
    if not match:
        raise ValueError(f"not a period code: {code!r}")
    year, quarter, month = match.groups()
    return period_span(int(year), int(quarter) if quarter else None, int(month) if month else None)


def accepts_changes(status: str) -> bool:
    """Tasks and ratings change only while the period is open; closing freezes them."""
    return status == OPEN
