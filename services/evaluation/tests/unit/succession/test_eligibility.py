"""Eligibility for a key title (§3.7): one test per condition and boundary, every problem named."""
from datetime import date

import pytest

from evaluation.succession.domain.eligibility import (Candidate, Discipline, Gap, YearResult, add_months, check,
                                                      years_checked)
from evaluation.succession.domain.rules import PlanningRules, Term, parse_term

TERM = Term(2030, 2035)
ON = date(2026, 11, 25)
GOOD_YEARS = (YearResult(2023, 75.0, "good"), YearResult(2024, 91.0, "excellent"), YearResult(2025, 70.0, "good"))
RULES = PlanningRules()


def candidate(**changes) -> Candidate:
    base = dict(active=True, gender="female", birth_year=1985, results=GOOD_YEARS)
    return Candidate(**{**base, **changes})


def test_a_cadre_meeting_every_condition_is_eligible():
    result = check(candidate(), RULES, TERM, ON)
    assert result.eligible and result.problems == () and result.warnings == ()


def test_the_last_three_years_before_this_one_are_checked():
    assert years_checked(RULES, ON) == [2025, 2024, 2023]
    assert years_checked(PlanningRules(years_of_results=0), ON) == []


def test_a_year_without_a_result_is_named():
    result = check(candidate(results=GOOD_YEARS[1:]), RULES, TERM, ON)
    assert result.problems == ("Chưa có kết quả năm 2023 / no result for 2023",)


def test_a_year_below_good_is_named_with_its_level_and_mean():
    results = (GOOD_YEARS[0], YearResult(2024, 69.99, "completed"), GOOD_YEARS[2])
    (problem,) = check(candidate(results=results), RULES, TERM, ON).problems
    assert problem.startswith("Năm 2024: Hoàn thành nhiệm vụ (70.0 điểm), cần Hoàn thành tốt nhiệm vụ trở lên")


def test_the_minimum_level_is_data():
    results = (YearResult(2023, 60, "completed"), YearResult(2024, 60, "completed"), YearResult(2025, 60, "completed"))
    assert check(candidate(results=results), PlanningRules(min_level="completed"), TERM, ON).eligible


@pytest.mark.parametrize("gender, birth_year, eligible", [
    ("male", 1973, True),     # 62 in 2035: serves the whole term
    ("male", 1972, False),    # 62 in 2034
    ("female", 1975, True),   # 60 in 2035
    ("female", 1974, False),
    ("other", 1974, False),   # the lower age
])
def test_age_serves_one_full_term_before_retirement(gender, birth_year, eligible):
    result = check(candidate(gender=gender, birth_year=birth_year), RULES, TERM, ON)
    assert result.eligible is eligible
    if not eligible:
        assert "không đủ tuổi công tác trọn nhiệm kỳ 2030-2035" in result.problems[0]


def test_retirement_ages_are_data():
    rules = PlanningRules(retirement_ages={"male": 65, "female": 65, "other": 65})
    assert check(candidate(gender="male", birth_year=1972), rules, TERM, ON).eligible


def test_a_disciplinary_measure_counts_while_in_force_only():
    reprimand = Discipline("reprimand", "Khiển trách / Reprimand", date(2026, 5, 26))
    (problem,) = check(candidate(discipline=(reprimand,)), RULES, TERM, ON).problems
    assert "Đang trong thời hạn kỷ luật: Khiển trách" in problem and "26/11/2026" in problem
    ended = Discipline("reprimand", "Khiển trách / Reprimand", date(2026, 5, 25))
    assert check(candidate(discipline=(ended,)), RULES, TERM, ON).eligible


def test_dismissal_never_ends_and_months_are_data():
    dismissal = Discipline("dismissal", "Buộc thôi việc / Dismissal", date(2001, 1, 1))
    assert not check(candidate(discipline=(dismissal,)), RULES, TERM, ON).eligible
    warning = Discipline("warning", "Cảnh cáo / Warning", date(2026, 1, 1))
    assert not check(candidate(discipline=(warning,)), RULES, TERM, ON).eligible
    shorter = PlanningRules(discipline_months={**RULES.discipline_months, "warning": 6})
    assert check(candidate(discipline=(warning,)), shorter, TERM, ON).eligible


def test_every_gap_of_the_titles_standard_is_a_problem_without_a_training_plan():
    gaps = (Gap("education", "Trình độ: Cao đẳng, yêu cầu Đại học / Education: College, University required"),
            Gap("course:state_management", "Chưa có khóa «Quản lý nhà nước» / No valid State management course"))
    result = check(candidate(gaps=gaps), RULES, TERM, ON)
    assert [p.split(":")[0] for p in result.problems] == ["Chưa đạt tiêu chuẩn chức danh"] * 2
    assert "Trình độ: Cao đẳng, yêu cầu Đại học" in result.problems[0]


def test_a_training_plan_due_before_the_term_turns_gaps_into_notes():
    gaps = (Gap("course:state_management", "Chưa có khóa QLNN / No State management course"),)
    planned = candidate(gaps=gaps, standard_met_by=date(2029, 12, 31), courses=("BD-QLNN",))
    result = check(planned, RULES, TERM, ON)
    assert result.eligible and len(result.notes) == 1 and "31/12/2029" in result.notes[0]
    late = candidate(gaps=gaps, standard_met_by=date(2030, 6, 1), courses=("BD-QLNN",))
    assert not check(late, RULES, TERM, ON).eligible
    no_courses = candidate(gaps=gaps, standard_met_by=date(2029, 12, 31))
    assert not check(no_courses, RULES, TERM, ON).eligible


def test_each_unmet_condition_is_listed():
    reprimand = Discipline("reprimand", "Khiển trách / Reprimand", date(2026, 10, 1))
    c = candidate(gender="male", birth_year=1970, results=(), discipline=(reprimand,),
                  gaps=(Gap("education", "a / b"),))
    assert len(check(c, RULES, TERM, ON).problems) == 1 + 3 + 1 + 1


def test_a_cadre_who_left_is_not_eligible():
    assert check(candidate(active=False), RULES, TERM, ON).problems == ("Cán bộ đã thôi việc / the cadre has left",)


def test_substantiated_reports_and_low_confidence_are_warnings_not_problems():
    result = check(candidate(substantiated_reports=2, last_vote=(2026, "consider")), RULES, TERM, ON)
    assert result.eligible
    assert result.warnings == ("Có 2 phản ánh của người dân được kết luận là đúng / 2 citizens' report(s) found "
                               "substantiated", "Lấy phiếu tín nhiệm năm 2026: cần xem xét / confidence vote 2026: "
                               "to be considered")
    assert check(candidate(substantiated_reports=1), PlanningRules(report_warning_min=2), TERM, ON).warnings == ()


def test_months_are_added_on_the_calendar():
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 1, 15), 18) == date(2027, 7, 15)


def test_terms_and_rules_are_checked():
    assert parse_term("2030-2035") == TERM
    for bad in ("2030", "2035-2030", "2030-2045"):
        with pytest.raises(ValueError):
            parse_term(bad)
    with pytest.raises(ValueError):
        PlanningRules(min_per_title=5, max_per_title=4)
    with pytest.raises(ValueError):
        PlanningRules(targets={"women": 2, "young": 0, "trained": 1})
