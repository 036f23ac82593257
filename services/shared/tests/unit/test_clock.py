"""Vietnam's calendar: the local day is what probations, expiries and audit filters are judged by."""
from datetime import date, datetime, timedelta, timezone

from cadre_shared.clock import VIETNAM, day_start_utc, in_vietnam, today, vietnam_now


def test_vietnam_is_seven_hours_ahead_of_utc_all_year():
    for month in (1, 7):
        assert VIETNAM.utcoffset(datetime(2026, month, 1)) == timedelta(hours=7)


def test_late_evening_utc_is_already_the_next_day_in_vietnam():
    assert in_vietnam(datetime(2026, 12, 31, 17, 0, tzinfo=timezone.utc)).date() == date(2027, 1, 1)
    assert in_vietnam(datetime(2026, 12, 31, 16, 59, tzinfo=timezone.utc)).date() == date(2026, 12, 31)


def test_a_naive_moment_is_read_as_utc():
    assert in_vietnam(datetime(2026, 3, 5, 20, 30)) == datetime(2026, 3, 6, 3, 30, tzinfo=VIETNAM)


def test_a_local_day_starts_at_17_utc_the_day_before():
    assert day_start_utc(date(2026, 3, 5)) == datetime(2026, 3, 4, 17, 0, tzinfo=timezone.utc)
    assert day_start_utc(date(2027, 1, 1)) == datetime(2026, 12, 31, 17, 0, tzinfo=timezone.utc)


def test_today_is_the_date_on_vietnams_clock():
    before = vietnam_now().date()
    assert today() in (before, before + timedelta(days=1))  # the same, unless midnight passed in between
