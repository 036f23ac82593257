"""Rule-based triggers of the early warning: they raise a flag without any model (PRODUCT §3.5)."""
from datetime import date, timedelta

import pytest

from evaluation.risk.domain.features import CadreHistory, PeriodRecord
from evaluation.risk.domain.model import assess_cadre, combined_light, traffic_light
from evaluation.risk.domain.model import training_set
from evaluation.risk.domain.rules import rule_triggers, standard_deadline
from evaluation.risk.domain.standard import TRAINING_REPORT_GRACE_DAYS, courses_known

TODAY = date(2026, 11, 25)


def period(code, total, d=None):
    return PeriodRecord(code=code, total=total, a=total, b=total, c=total,
                        level="not_completed" if total < 50 else "completed", d=d)


def history(*periods, discipline=()):
    return CadreHistory("c-1", periods=tuple(periods), discipline_dates=tuple(discipline))


@pytest.mark.parametrize("total, fires", [(49.99, True), (50.0, False), (0.0, True), (72.5, False)])
def test_a_period_under_50_triggers_red(total, fires):
    triggers = rule_triggers(history(period("2026-Q2", 80), period("2026-Q3", total)), TODAY)
    assert [(t.code, t.light) for t in triggers] == ([("period_below_50", "red")] if fires else [])
    if fires:
        assert "2026-Q3" in triggers[0].message and "dưới 50" in triggers[0].message


def test_only_the_last_four_periods_count():
    old_low = [period("2025-Q2", 40)] + [period(f"2025-Q{q}", 80) for q in (3, 4)] + \
              [period(f"2026-Q{q}", 80) for q in (1, 2)]
    assert rule_triggers(history(*old_low), TODAY) == []
    assert [t.code for t in rule_triggers(history(*old_low[1:], period("2026-Q3", 45)), TODAY)] == ["period_below_50"]


@pytest.mark.parametrize("d, fires", [(50.0, True), (100.0, False), (None, False)])
def test_a_leaders_d_of_50_triggers_amber(d, fires):
    triggers = rule_triggers(history(period("2026-Q3", 80, d=d)), TODAY)
    assert [(t.code, t.light) for t in triggers] == ([("leader_d_50", "amber")] if fires else [])


@pytest.mark.parametrize("days_ago, fires", [(0, True), (365, True), (366, False), (-1, False)])
def test_discipline_in_the_last_year_triggers_amber(days_ago, fires):
    decided = TODAY - timedelta(days=days_ago)
    triggers = rule_triggers(history(discipline=[decided]), TODAY)
    assert [(t.code, t.light) for t in triggers] == ([("discipline_recorded", "amber")] if fires else [])
    if fires:
        assert decided.strftime("%d/%m/%Y") in triggers[0].message


def test_rules_raise_a_flag_without_a_model():
    assessment = assess_cadre(history(period("2026-Q3", 42.0)), TODAY, None)
    assert assessment.flagged and assessment.light == "red"
    assert assessment.probability is None and assessment.factors == []
    assert assessment.period == "2026-Q3" and assessment.triggers[0]["code"] == "period_below_50"


def test_no_trigger_and_no_model_raises_nothing():
    assessment = assess_cadre(history(period("2026-Q3", 75.0)), TODAY, None)
    assert not assessment.flagged and assessment.light == "green" and assessment.triggers == []


@pytest.mark.parametrize("probability, light", [(None, "green"), (0.0, "green"), (0.2499, "green"),
                                                (0.25, "amber"), (0.4999, "amber"), (0.5, "red"), (1.0, "red")])
def test_traffic_light_thresholds(probability, light):
    assert traffic_light(probability) == light


def test_the_most_severe_light_wins():
    assert combined_light(0.1, ["amber"]) == "amber"
    assert combined_light(0.6, ["amber"]) == "red"
    assert combined_light(0.3, []) == "amber"
    assert combined_light(None, ["red", "amber"]) == "red"


@pytest.mark.parametrize("appointed, gaps, fires", [
    (date(2025, 11, 24), ("course:digital",), True),          # deadline 24/11/2026, yesterday
    (date(2025, 11, 25), ("course:digital",), False),         # deadline today: still in time
    (date(2024, 2, 29), ("education",), True),
    (date(2025, 1, 1), ("competency:DT", "competency:PH"), False),   # assessed levels have no deadline
    (date(2025, 1, 1), (), False),
    (None, ("course:digital",), False),                       # no appointment known: no deadline
])
def test_a_standard_unmet_past_its_deadline_triggers_amber(appointed, gaps, fires):
    cadre = CadreHistory("c-1", gap_keys=gaps, appointed_on=appointed)
    triggers = rule_triggers(cadre, TODAY)
    assert [(t.code, t.light) for t in triggers] == ([("standard_overdue", "amber")] if fires else [])
    if fires:
        assert standard_deadline(cadre).strftime("%d/%m/%Y") in triggers[0].message
        assert "chưa đạt" in triggers[0].message and "12 tháng" in triggers[0].message


@pytest.mark.parametrize("gaps, reported, items", [
    (("course:digital", "course:state_management"), False, None),    # the school has not reported: not known
    (("course:digital", "course:state_management"), True, 2),        # it reported, nothing held: unmet
    (("education", "course:digital", "competency:DT"), False, 1),    # the registry's own items: judged
    (("political_theory", "digital_skill"), False, 2),
])
def test_required_courses_are_not_known_until_the_training_service_reports(gaps, reported, items):
    """A cadre past their deadline whose school records have not arrived is not overdue on the
    courses; once the school has reported on them, the courses it did not report held are unmet."""
    cadre = CadreHistory("c-1", gap_keys=gaps, appointed_on=date(2024, 1, 1), training_reported=reported)
    triggers = [t for t in rule_triggers(cadre, TODAY) if t.code == "standard_overdue"]
    assert [t.message.split(" nội dung")[0] for t in triggers] == ([] if items is None else [f"Còn {items}"])


def test_the_target_does_not_read_courses_not_reported_yet():
    periods = tuple(period(code, 80) for code in ("2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"))
    def labels(reported):
        return training_set([CadreHistory("c", periods, gap_keys=("course:digital",), appointed_on=date(2025, 2, 10),
                                          training_reported=reported)], set())[1]
    assert labels(True) == [0, 1, 0] and labels(False) == [0, 0, 0]


def test_deadline_keeps_the_day_or_the_months_last_day():
    assert standard_deadline(CadreHistory("c", appointed_on=date(2024, 2, 29))) == date(2025, 2, 28)
    assert standard_deadline(CadreHistory("c", appointed_on=date(2025, 7, 1))) == date(2026, 7, 1)


def test_the_target_is_also_a_deadline_passing_with_the_standard_unmet():
    """A training row is positive when the next period is Không hoàn thành, or when the standard's
    deadline falls within the next period with dated items still unmet."""
    periods = tuple(period(code, 80) for code in ("2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"))
    def labels(gaps, appointed):
        return training_set([CadreHistory("c", periods, gap_keys=gaps, appointed_on=appointed)], set())[1]
    assert labels(("course:digital",), date(2025, 2, 10)) == [0, 1, 0]      # deadline 10/02/2026: in 2026-Q1
    assert labels(("competency:DT",), date(2025, 2, 10)) == [0, 0, 0]
    assert labels((), date(2025, 2, 10)) == [0, 0, 0]
    assert labels(("education",), date(2024, 1, 1)) == [0, 0, 0]            # already past before the rows


@pytest.mark.parametrize(("reported", "registered_days_ago", "known"), [
    (True, 0, True),            # the school reported: judged at once
    (None, 0, True),            # a record kept before this was noted: judged as before
    (False, None, True),        # no day of entry known (a row kept before): judged as before
    (False, 0, False),          # just imported, nothing reported yet: not known
    (False, 59, False),
    (False, 60, True),          # the school's silence past the grace: never taken, judged
    (False, 400, True),
])
def test_courses_are_known_once_reported_or_after_the_schools_grace(reported, registered_days_ago, known):
    as_of = date(2026, 12, 7)
    registered = None if registered_days_ago is None else as_of - timedelta(days=registered_days_ago)
    assert TRAINING_REPORT_GRACE_DAYS == 60
    assert courses_known(reported, registered, as_of) is known
    cadre = CadreHistory("c-2", gap_keys=("course:ql-nha-nuoc",), appointed_on=date(2024, 1, 1),
                         training_reported=courses_known(reported, registered, as_of))
    assert bool(rule_triggers(cadre, as_of)) is known  # the course overdue flag follows
