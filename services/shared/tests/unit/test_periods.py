"""Period codes every service writes the same way: 2026-Q4 a quarter, 2026-11 a month."""
from datetime import date, datetime, timezone

import pytest
from marshmallow import ValidationError

from cadre_shared.periods import PeriodSpan, parse_period_code, period_codes_of
from cadre_shared.schema_base import MONTH_CODE, PERIOD_CODE, QUARTER_CODE


@pytest.mark.parametrize("year,quarter,month,code,start,end", [
    (2026, 4, None, "2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
    (2026, 1, None, "2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
    (2028, None, 2, "2028-02", date(2028, 2, 1), date(2028, 2, 29)),
    (2026, None, 12, "2026-12", date(2026, 12, 1), date(2026, 12, 31)),
])
def test_codes_and_the_days_they_cover(year, quarter, month, code, start, end):
    span = PeriodSpan(year, quarter, month)
    assert (span.code, span.starts_on, span.ends_on, span.year_starts_on) == (code, start, end, date(year, 1, 1))
    assert parse_period_code(code) == span
    assert span.kind == ("quarter" if quarter else "month") and span.number == (quarter or month)


@pytest.mark.parametrize("quarter,month", [(None, None), (1, 1), (5, None), (None, 13), (0, None)])
def test_a_period_is_one_quarter_or_one_month(quarter, month):
    with pytest.raises(ValueError):
        PeriodSpan(2026, quarter, month)


@pytest.mark.parametrize("code", ["2026-Q5", "2026-Q0", "2026-13", "2026-00", "2026-1", "26-Q1", "", "2026Q4",
                                  "2026-Q4 ", None])
def test_malformed_codes_are_refused_by_the_parser_and_the_validators(code):
    with pytest.raises(ValueError):
        parse_period_code(code)
    with pytest.raises(ValidationError, match="2026-Q4"):
        PERIOD_CODE(code or "")


def test_quarter_and_month_validators_take_only_their_kind():
    assert QUARTER_CODE("2026-Q4") and MONTH_CODE("2026-11")
    for validator, other in ((QUARTER_CODE, "2026-11"), (MONTH_CODE, "2026-Q4")):
        with pytest.raises(ValidationError):
            validator(other)


def test_the_period_before_crosses_the_year():
    assert parse_period_code("2027-Q1").previous().code == "2026-Q4"
    assert parse_period_code("2027-01").previous().code == "2026-12"
    assert parse_period_code("2026-Q3").previous().code == "2026-Q2"


def test_a_moment_falls_in_the_quarter_and_month_of_vietnams_calendar():
    # 31/12/2026 17:00 UTC is 01/01/2027 00:00 in Vietnam: the new year's first quarter
    assert period_codes_of(datetime(2026, 12, 31, 17, 0, tzinfo=timezone.utc)) == ("2027-Q1", "2027-01")
    assert period_codes_of(datetime(2026, 12, 31, 16, 59, 59, tzinfo=timezone.utc)) == ("2026-Q4", "2026-12")
    with pytest.raises(ValueError):
        period_codes_of(datetime(2026, 11, 25, 8, 0))
