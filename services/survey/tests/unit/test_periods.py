from datetime import datetime, timezone

import pytest

from survey.domain.periods import Period, parse_period, periods_of, trailing_periods


@pytest.mark.parametrize("code,kind,year,number", [("2026-Q4", "quarter", 2026, 4), ("2026-Q1", "quarter", 2026, 1),
                                                   ("2026-11", "month", 2026, 11), ("2026-01", "month", 2026, 1)])
def test_period_codes_parse_and_print_back(code, kind, year, number):
    period = parse_period(code)
    assert (period.kind, period.year, period.number, period.code) == (kind, year, number, code)


@pytest.mark.parametrize("code", ["2026-Q5", "2026-Q0", "2026-13", "2026-00", "2026-1", "26-Q4", "", "2026Q4"])
def test_malformed_period_codes_are_refused(code):
    with pytest.raises(ValueError):
        parse_period(code)


def test_periods_follow_vietnam_time_not_utc():
    # 31/12/2026 17:00 UTC is 01/01/2027 00:00 in Vietnam: the new year's first quarter
    assert periods_of(datetime(2026, 12, 31, 17, 0, tzinfo=timezone.utc)) == ("2027-Q1", "2027-01")
    assert periods_of(datetime(2026, 12, 31, 16, 59, 59, tzinfo=timezone.utc)) == ("2026-Q4", "2026-12")


@pytest.mark.parametrize("month,quarter", [(1, "Q1"), (3, "Q1"), (4, "Q2"), (6, "Q2"), (7, "Q3"), (9, "Q3"),
                                           (10, "Q4"), (12, "Q4")])
def test_quarter_boundaries(month, quarter):
    assert periods_of(datetime(2026, month, 15, 5, tzinfo=timezone.utc))[0] == f"2026-{quarter}"


def test_naive_moments_are_refused():
    with pytest.raises(ValueError):
        periods_of(datetime(2026, 11, 25, 8, 0))


def test_trailing_periods_cross_year_boundaries():
    assert [p.code for p in trailing_periods(parse_period("2027-Q2"), 4)] == ["2026-Q3", "2026-Q4", "2027-Q1",
                                                                               "2027-Q2"]
    assert [p.code for p in trailing_periods(parse_period("2027-02"), 3)] == ["2026-12", "2027-01", "2027-02"]
    assert Period(2027, month=1).previous().code == "2026-12"
