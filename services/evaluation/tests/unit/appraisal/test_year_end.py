"""The year-end result (PRODUCT.md §3.2): the unrounded mean of the quarters worked, wherever they
were worked; months rolled into quarters; the period's thresholds and overrides; leaders' Q4 folded
into the year; which quarters still keep the year from closing."""
import pytest

from evaluation.appraisal.domain.percentile import percentiles
from evaluation.appraisal.domain.year_end import (PeriodTotal, is_year_code, proposed_in_period, quarter_totals,
                                                  unclosed_quarters, year_result)


def test_a_cadre_rotated_mid_year_keeps_the_first_units_quarters_in_the_mean():
    result = year_result([PeriodTotal("2026-Q3", "u-new", 60.0), PeriodTotal("2026-Q1", "u-old", 80.0),
                          PeriodTotal("2026-Q2", "u-old", 90.0), PeriodTotal("2026-Q4", "u-new", 70.0)])
    assert [(p.code, p.unit_id) for p in result.periods] == [("2026-Q1", "u-old"), ("2026-Q2", "u-old"),
                                                             ("2026-Q3", "u-new"), ("2026-Q4", "u-new")]
    assert result.mean == 75.0 and result.level == "good"


def test_only_the_quarters_worked_count():
    result = year_result([PeriodTotal("2026-Q2", "u", 92.0), PeriodTotal("2026-Q3", "u", 94.0)])
    assert result.mean == 93.0 and result.level == "excellent" and [q.quarter for q in result.quarters] == [2, 3]


@pytest.mark.parametrize("totals, level", [
    ((89.99, 90.0), "good"),        # mean 89.995: shown as 90.00, classified on the unrounded mean
    ((90.0, 90.0), "excellent"),
    ((69.99, 70.0), "completed"),   # 69.995
    ((70.0, 70.0), "good"),
    ((49.99, 50.0), "not_completed"),
    ((50.0, 50.0), "completed"),
])
def test_boundary_means_use_the_unrounded_mean(totals, level):
    result = year_result([PeriodTotal(f"2026-Q{i}", "u", t) for i, t in enumerate(totals, start=1)])
    assert result.level == level


def test_the_boundary_mean_89_995_is_good_though_it_shows_as_90():
    result = year_result([PeriodTotal("2026-Q1", "u", 89.99), PeriodTotal("2026-Q2", "u", 90.0)])
    assert round(result.mean, 2) == 90.0 and result.mean < 90 and result.level == "good"


def test_an_override_of_a_period_stands_for_the_year():
    result = year_result([PeriodTotal("2026-Q1", "u", 95.0),
                          PeriodTotal("2026-Q2", "u", 95.0, "discipline_reprimand_or_heavier")])
    assert result.mean == 95.0 and result.level == "not_completed"
    assert result.override == "discipline_reprimand_or_heavier"


def test_months_roll_into_quarters_and_quarters_into_the_year():
    months = [PeriodTotal("2026-01", "u", 60.0), PeriodTotal("2026-02", "u", 90.0),  # Q1: 75 (March not worked)
              PeriodTotal("2026-04", "u", 80.0), PeriodTotal("2026-05", "u", 80.0), PeriodTotal("2026-06", "u", 80.0)]
    quarters = quarter_totals(months)
    assert [(q.quarter, q.total, q.periods) for q in quarters] == [
        (1, 75.0, ("2026-01", "2026-02")), (2, 80.0, ("2026-04", "2026-05", "2026-06"))]
    assert year_result(months).mean == 77.5  # each quarter weighs alike, not each month


def test_a_quarter_closed_as_such_wins_over_its_months():
    result = year_result([PeriodTotal("2026-Q1", "u", 70.0), PeriodTotal("2026-01", "u", 10.0)])
    assert result.mean == 70.0 and [p.code for p in result.periods] == ["2026-Q1"]


def test_no_period_no_result():
    with pytest.raises(ValueError):
        year_result([])


def test_a_leaders_q4_is_not_proposed_separately():
    assert proposed_in_period("2026-Q3", is_leader=True)
    assert not proposed_in_period("2026-Q4", is_leader=True)
    assert not proposed_in_period("2026-11", is_leader=True)
    assert proposed_in_period("2026-Q4", is_leader=False)


def test_the_year_waits_for_every_quarter_closed_as_a_quarter_or_by_its_three_months():
    statuses = {"2026-Q1": "closed", "2026-Q2": "closed", "2026-Q3": "closing", "2026-10": "closed",
                "2026-11": "closed", "2026-12": "closed"}
    assert unclosed_quarters(2026, statuses) == [3]
    assert unclosed_quarters(2026, {}) == [1, 2, 3, 4]
    assert unclosed_quarters(2026, {**statuses, "2026-Q3": "closed"}) == []


def test_year_percentiles_compare_means_within_a_position_code():
    ranks = percentiles([("top", "CV", 91.5), ("mid", "CV", 80.0), ("low", "CV", 61.25), ("other", "TP", 10.0)])
    assert ranks["top"] == 100.0 and ranks["low"] == pytest.approx(100 / 3) and ranks["other"] == 100.0


def test_year_codes():
    assert is_year_code("2026") and not is_year_code("2026-Q4") and not is_year_code("")
