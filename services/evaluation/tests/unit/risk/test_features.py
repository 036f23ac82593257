"""Features of the early warning: the cadre's own record only; protected attributes never enter."""
import dataclasses
from datetime import date

import pytest

from evaluation.risk.domain.features import (EXCLUDED, FEATURES, CadreHistory, PeriodRecord, SatisfactionRecord,
                                             risk_features)
from evaluation.risk.domain.model import EXPLANATIONS

# Any hint of a protected attribute in a feature or input name fails these tests.
PROTECTED_TOKENS = {"gender", "sex", "ethnicity", "ethnic", "age", "birth", "born", "birthplace", "hometown",
                    "local", "nonlocal", "is_local", "que"}


def _tokens(name: str) -> set[str]:
    return set(name.lower().split("_")) | {name.lower()}


def test_excluded_attributes_are_the_protected_ones():
    assert set(EXCLUDED) >= {"gender", "ethnicity", "age", "birth_year", "birthplace", "is_local"}


@pytest.mark.parametrize("name", FEATURES)
def test_no_feature_is_a_protected_attribute(name):
    assert not _tokens(name) & PROTECTED_TOKENS, name
    assert name not in EXCLUDED


@pytest.mark.parametrize("cls", [CadreHistory, PeriodRecord, SatisfactionRecord])
def test_inputs_cannot_carry_protected_attributes(cls):
    names = {f.name for f in dataclasses.fields(cls)}
    assert not any(_tokens(n) & PROTECTED_TOKENS for n in names), names


def full_history():
    return CadreHistory(
        "c-1",
        periods=(PeriodRecord("2026-Q1", 80.0, 90.0, 80.0, 70.0, "good", general_points=25.0, index_scores=(8, 9, 7)),
                 PeriodRecord("2026-Q2", 60.0, 70.0, 60.0, 50.0, "completed", d=50.0, general_points=20.0,
                              index_scores=(6.0, 8.0, 7.0))),
        satisfaction=(SatisfactionRecord("2026-Q1", 10, 9, 1), SatisfactionRecord("2026-Q2", 10, 6, 4)),
        gap_keys=("digital_skill", "course:state_management", "course:position_skills"),
        appointed_on=date(2025, 5, 10), probation_until=date(2026, 12, 31),
        discipline_dates=(date(2026, 3, 1), date(2027, 1, 1)), is_leader=True)


def test_features_from_a_full_record():
    features = risk_features(full_history(), date(2026, 11, 25))
    assert tuple(features) == FEATURES
    assert features["last_total"] == 60.0 and features["mean_total"] == 70.0
    assert features["total_trend"] == -20.0 and features["periods_below_50"] == 0
    assert (features["last_a"], features["last_b"], features["last_c"]) == (70.0, 60.0, 50.0)
    assert features["leader_d_50"] == 1 and features["general_points"] == 20.0
    assert features["general_spread"] == pytest.approx(0.8165, abs=1e-4)
    assert features["satisfaction_rate"] == 0.6 and features["satisfaction_trend"] == pytest.approx(-0.3)
    assert features["dissatisfied_responses"] == 5
    assert features["standard_gaps"] == 3 and features["course_gaps"] == 2
    assert features["months_in_position"] == 12 and features["on_probation"] == 1   # 18, counted up to 12
    assert features["discipline_records"] == 1          # the later decision is not known yet
    # the latest period weighs twice the one before (RECENT_DECAY 0.5): (60 + 0.5 × 80) / 1.5
    assert features["recent_total"] == pytest.approx(100 / 1.5) and features["last_not_completed"] == 0
    assert features["satisfaction_overall"] == 0.75     # 15 of 20 answers over both periods


def test_unmet_items_count_once_past_the_standards_deadline():
    """The registry keeps today's gaps only: a row of a period before the deadline (appointed
    10/05/2025, due 10/05/2026) cannot know whether the items were still unmet then, so it counts
    only the undated competency items; from the deadline's next day, every unmet item counts."""
    history = CadreHistory("c-3", gap_keys=("digital_skill", "course:state_management", "competency:NL-1"),
                           appointed_on=date(2025, 5, 10))
    before, on, after = (risk_features(history, day) for day in (date(2026, 3, 31), date(2026, 5, 10),
                                                                  date(2026, 5, 11)))
    assert (before["standard_gaps"], before["course_gaps"]) == (1, 0) == (on["standard_gaps"], on["course_gaps"])
    assert (after["standard_gaps"], after["course_gaps"]) == (3, 1)


def test_courses_count_only_once_the_training_service_has_reported():
    """Past the deadline, the course items of a cadre the school has not reported on yet are not
    gap features; the registry's own items (digital skill) and the competencies still are."""
    keys = ("digital_skill", "course:state_management", "course:position_skills", "competency:NL-1")
    day = date(2026, 11, 25)
    unknown = risk_features(CadreHistory("c-4", gap_keys=keys, appointed_on=date(2025, 1, 1),
                                         training_reported=False), day)
    known = risk_features(CadreHistory("c-4", gap_keys=keys, appointed_on=date(2025, 1, 1)), day)
    assert (unknown["standard_gaps"], unknown["course_gaps"]) == (2, 0)
    assert (known["standard_gaps"], known["course_gaps"]) == (4, 2)
    assert CadreHistory("c", gap_keys=keys, training_reported=False).judged_gap_keys == (
        "digital_skill", "competency:NL-1")


def test_an_empty_record_gives_missing_values_not_zeros():
    features = risk_features(CadreHistory("c-2"), date(2026, 11, 25))
    assert features["last_total"] is None and features["satisfaction_rate"] is None
    assert features["months_in_position"] is None and features["total_trend"] is None
    assert features["on_probation"] == 0 and features["standard_gaps"] == 0
    assert features["recent_total"] is None and features["satisfaction_overall"] is None
    assert features["last_not_completed"] is None


def test_history_up_to_a_period_forgets_what_came_after():
    cut = full_history().up_to("2026-Q1")
    assert [p.code for p in cut.periods] == ["2026-Q1"]
    assert [s.code for s in cut.satisfaction] == ["2026-Q1"]


def test_every_feature_has_a_vietnamese_explanation():
    assert set(EXPLANATIONS) == set(FEATURES)
