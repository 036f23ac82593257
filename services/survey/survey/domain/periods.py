"""Evaluation periods a response belongs to (kỳ đánh giá): quarters like ``2026-Q4`` and
months like ``2026-11``, reckoned in Vietnam's time (UTC+7, no daylight saving), so an
answer given at 01:00 on 1 January counts in the new year's first quarter."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

VIETNAM = timezone(timedelta(hours=7), "ICT")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
PERIOD_PATTERN = r"^\d{4}-(Q[1-4]|0[1-9]|1[0-2])$"


@dataclass(frozen=True)
class Period:
    """A quarter or a month; ``field`` names the stored field that holds its code."""

    kind: str  # "quarter" | "month"
    year: int
    number: int  # quarter 1–4 or month 1–12

    @property
    def code(self) -> str:
        return f"{self.year}-Q{self.number}" if self.kind == "quarter" else f"{self.year}-{self.number:02d}"

    @property
    def field(self) -> str:
        return self.kind

    def previous(self) -> "Period":
        last = 4 if self.kind == "quarter" else 12
        if self.number == 1:
            return Period(self.kind, self.year - 1, last)
        return Period(self.kind, self.year, self.number - 1)


def parse_period(code: str) -> Period:
    """``2026-Q4`` or ``2026-11`` → Period; ValueError for anything else."""
    if m := _QUARTER.match(code or ""):
        return Period("quarter", int(m.group(1)), int(m.group(2)))
    if m := _MONTH.match(code or ""):
        return Period("month", int(m.group(1)), int(m.group(2)))
    raise ValueError(f"not a period code: {code!r}")


def periods_of(moment: datetime) -> tuple[str, str]:
    """(quarter code, month code) of an aware moment, in Vietnam's local calendar."""
    if moment.tzinfo is None:
        raise ValueError("moment must be timezone-aware")
    local = moment.astimezone(VIETNAM)
    return f"{local.year}-Q{(local.month - 1) // 3 + 1}", f"{local.year}-{local.month:02d}"


def trailing_periods(last: Period, count: int) -> list[Period]:
    """The ``count`` periods ending with ``last``, oldest first (for trend charts)."""
    periods = [last]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    return list(reversed(periods))
