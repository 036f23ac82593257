"""Substantiated citizens' reports against the discipline-and-integrity group (4)."""
from datetime import date

import pytest

from cadre_shared.periods import PeriodSpan
from evaluation.appraisal.domain.general_criteria import Answer, general_criteria
from evaluation.appraisal.domain.integrity import integrity_deduction, reports_in_period

Q4 = PeriodSpan(2026, quarter=4)


def test_reports_count_in_the_period_their_conclusion_falls_in():
    days = [date(2026, 9, 30), date(2026, 10, 1), date(2026, 12, 31), date(2027, 1, 1)]
    assert reports_in_period(days, Q4) == 2


def test_each_report_takes_the_same_points():
    assert integrity_deduction(3, 2.0) == 6.0
    with pytest.raises(ValueError):
        integrity_deduction(-1, 2.0)


def test_the_integrity_group_loses_the_deduction_and_never_goes_below_zero():
    answers = [Answer("l", "R", "leader", {"service": 8, "coordination": 8, "discipline": 8})]
    plain = general_criteria(answers)
    hit = general_criteria(answers, integrity=(1, 2.0))
    assert hit.indices["discipline"].score == pytest.approx(6.0)
    assert hit.points == pytest.approx(plain.points - 2.0)
    assert hit.indices["service"] == plain.indices["service"]
    record = hit.as_record()["indices"]["discipline"]
    assert record["reports"] == 1 and record["deduction"] == pytest.approx(2.0)
    floor = general_criteria(answers, integrity=(5, 10.0)).indices["discipline"]
    assert floor.score == 0.0 and floor.deduction == pytest.approx(8.0)
    assert "reports" not in plain.as_record()["indices"]["discipline"]
