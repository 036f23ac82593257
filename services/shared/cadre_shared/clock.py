"""Vietnam's calendar and clock (UTC+7, no daylight saving), the one place every service takes
them from: a probation, a certificate's expiry, a citizen's answer at 01:00 on 1 January or an
audit filter "from 05/03" are judged by the local day, not the UTC one."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

VIETNAM = timezone(timedelta(hours=7), "ICT")


def vietnam_now() -> datetime:
    return datetime.now(VIETNAM)


def today() -> date:
    """Today's date in Vietnam."""
    return vietnam_now().date()


def in_vietnam(moment: datetime) -> datetime:
    """``moment`` on Vietnam's clock; a naive moment is taken as UTC (how the stores keep them)."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(VIETNAM)


def day_start_utc(day: date) -> datetime:
    """The UTC moment a day of Vietnam's calendar begins (00:00 local is 17:00 UTC the day before)."""
    return datetime(day.year, day.month, day.day, tzinfo=VIETNAM).astimezone(timezone.utc)
