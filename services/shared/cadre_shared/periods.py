"""Evaluation period codes, written the same way by every service: ``2026-Q4`` a quarter,
``2026-11`` a month (what an evaluation period is named, what a citizen's answer is filed
under), with the days each one covers, on Vietnam's calendar."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .clock import in_vietnam

PERIOD_CODE_PATTERN = r"^(\d{4})-(?:Q([1-4])|(0[1-9]|1[0-2]))$"
QUARTER_CODE_PATTERN = r"^\d{4}-Q[1-4]$"
MONTH_CODE_PATTERN = r"^\d{4}-(?:0[1-9]|1[0-2])$"
PERIOD_CODE_HELP = "Kỳ phải có dạng 2026-Q4 (quý) hoặc 2026-11 (tháng) / period like 2026-Q4 or 2026-11"
_CODE = re.compile(PERIOD_CODE_PATTERN)


def _last_day(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


@dataclass(frozen=True)
class PeriodSpan:
    """A quarter or a month of a year: exactly one of ``quarter`` (1–4) and ``month`` (1–12)."""

    year: int
    quarter: int | None = None
    month: int | None = None

    def __post_init__(self):
        if (self.quarter is None) == (self.month is None):
            raise ValueError("a period is either a quarter or a month")
        if self.quarter is not None and not 1 <= self.quarter <= 4:
            raise ValueError("quarter must be 1–4")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError("month must be 1–12")

    @property
    def kind(self) -> str:
        """``quarter`` or ``month``: also the name of the field a stored answer keeps this code in."""
        return "quarter" if self.quarter else "month"

    @property
    def number(self) -> int:
        return self.quarter or self.month

    @property
    def code(self) -> str:
        return f"{self.year}-Q{self.quarter}" if self.quarter else f"{self.year}-{self.month:02d}"

    @property
    def starts_on(self) -> date:
        return date(self.year, 3 * self.quarter - 2 if self.quarter else self.month, 1)

    @property
    def ends_on(self) -> date:
        return _last_day(self.year, 3 * self.quarter if self.quarter else self.month)

    @property
    def year_starts_on(self) -> date:
        return date(self.year, 1, 1)

    def previous(self) -> "PeriodSpan":
        """The period of the same kind just before this one."""
        last = 4 if self.quarter else 12
        year, number = (self.year - 1, last) if self.number == 1 else (self.year, self.number - 1)
        return PeriodSpan(year, number, None) if self.quarter else PeriodSpan(year, None, number)


def parse_period_code(code: str) -> PeriodSpan:
    """``2026-Q4`` or ``2026-11`` → its PeriodSpan; ValueError for anything else."""
    match = _CODE.match(code or "")
    if not match:
        raise ValueError(f"not a period code: {code!r}")
    year, quarter, month = match.groups()
    return PeriodSpan(int(year), int(quarter) if quarter else None, int(month) if month else None)


def period_codes_of(moment: datetime) -> tuple[str, str]:
    """(quarter code, month code) of an aware moment, on Vietnam's calendar."""
    if moment.tzinfo is None:
        raise ValueError("moment must be timezone-aware")
    local = in_vietnam(moment)
    return PeriodSpan(local.year, (local.month - 1) // 3 + 1).code, PeriodSpan(local.year, month=local.month).code
