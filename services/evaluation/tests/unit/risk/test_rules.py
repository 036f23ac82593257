"""Rule-based triggers of the early warning: they raise a flag without any model (PRODUCT §3.5)."""
from datetime import date, timedelta

import pytest

from evaluation.risk.domain.features import CadreHistory, PeriodRecord
from evaluation.risk.domain.model import assess_cadre, combined_light, traffic_light
from evaluation.risk.domain.rules import rule_triggers

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
