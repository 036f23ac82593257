import pytest

from evaluation.domain.satisfaction import period_field, satisfaction_figures
from survey.domain.indices import satisfaction_index


def test_below_five_is_not_enough_and_has_no_rate():
    figures = satisfaction_figures({"very_satisfied": 3, "dissatisfied": 1})
    assert figures["responses"] == 4 and figures["enough"] is False
    assert figures["satisfaction_rate"] is None and "Chưa đủ" in figures["message"]


def test_five_responses_give_a_rate():
    figures = satisfaction_figures({"very_satisfied": 3, "satisfied": 1, "dissatisfied": 1})
    assert figures["enough"] is True and figures["satisfaction_rate"] == 0.8
    assert figures["shares"] == {"very_satisfied": 0.6, "satisfied": 0.2, "dissatisfied": 0.2}


@pytest.mark.parametrize("code,field", [("2026-Q4", "quarter"), ("2026-11", "month"), ("2027-01", "month")])
def test_period_codes_name_their_field(code, field):
    assert period_field(code) == field


@pytest.mark.parametrize("code", ["2026-Q5", "2026-13", "2026", "Q4-2026", ""])
def test_bad_period_codes_are_refused(code):
    with pytest.raises(ValueError):
        period_field(code)


@pytest.mark.parametrize("counts", [{}, {"satisfied": 4}, {"satisfied": 5}, {"very_satisfied": 1, "dissatisfied": 6},
                                    {"very_satisfied": 7, "satisfied": 2, "dissatisfied": 3}])
def test_same_answers_as_the_survey_services_rule(counts):
    """Both services show a cadre's satisfaction; they must never disagree on the same counts."""
    ours = satisfaction_figures(counts)
    theirs = satisfaction_index(counts)
    for field in ("responses", "very_satisfied", "satisfied", "dissatisfied", "enough", "satisfaction_rate",
                  "shares", "message"):
        assert ours[field] == getattr(theirs, field), field
