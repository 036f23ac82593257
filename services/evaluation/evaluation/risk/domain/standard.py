"""The deadline of a position's standard (PRODUCT §3.4, "within 12 months of appointment"): the
qualifications and required courses of the standard (education, political theory, digital skill,
course categories) are due ``STANDARD_DEADLINE_MONTHS`` after the appointment. Competency levels
are HR's periodic assessments, with no deadline of their own. Used by the rules (the target has
happened) and the features (items unmet past the deadline)."""
from __future__ import annotations

import calendar
from datetime import date

STANDARD_DEADLINE_MONTHS = 12
UNDATED_ITEMS = ("competency:",)   # gap keys with no deadline (assessed levels)


def add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def deadline_of(appointed_on: date | None) -> date | None:
    """When the position's qualifications and required courses must be met (None: no appointment known)."""
    return add_months(appointed_on, STANDARD_DEADLINE_MONTHS) if appointed_on else None


def is_dated(key: str) -> bool:
    """Whether an unmet item (a gap key) has the standard's deadline."""
    return not key.startswith(UNDATED_ITEMS)
