"""Today's date in the province (Vietnam, UTC+7): what "future", "overdue" and "due soon" are measured from."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

VIETNAM = timezone(timedelta(hours=7))


def today() -> date:
    return datetime.now(VIETNAM).date()
