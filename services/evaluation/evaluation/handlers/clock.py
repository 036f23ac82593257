"""The calendar day in Vietnam (UTC+7, no daylight saving): probation, expiry and gap analysis
are judged by the local date, not the UTC one."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

VIETNAM = timezone(timedelta(hours=7), "ICT")


def today() -> date:
    return datetime.now(VIETNAM).date()
