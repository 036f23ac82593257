"""Decree 335/2025 period score: one test per rule boundary."""
import pytest

from evaluation.appraisal.domain.scoring import (
    COMPLETED, EXCELLENT, GOOD, NOT_COMPLETED, LeaderCriteria, Overrides, TaskOutcome, classify_period_score,
    leader_indices, override_reason, score_period, task_indices, task_points)


@pytest.mark.parametrize("total,level", [(100, EXCELLENT), (90, EXCELLENT), (89.99, GOOD), (70, GOOD),
                                         (69.99, COMPLETED), (50, COMPLETED), (49.99, NOT_COMPLETED),
                                         (0, NOT_COMPLETED)])
def test_classification_boundaries(total, level):
    assert classify_period_score(total) == level


def test_all_tasks_done_perfectly_gives_full_indices():
    tasks = [TaskOutcome(2, True), TaskOutcome(1, True)]
    assert task_indices(tasks) == (100.0, 100.0, 100.0)
    assert task_points(100, 100, 100) == pytest.approx(70.0)


def test_quantity_is_weighted_by_coefficient():
    a, b, c = task_indices([TaskOutcome(3, True), TaskOutcome(1, False)])
    assert (a, b, c) == (75.0, 75.0, 75.0)


def test_each_quality_failure_and_delay_takes_a_quarter_floor_zero():
    a, b, c = task_indices([TaskOutcome(1, True, quality_failures=1, delays=2)])
    assert (a, b, c) == (100.0, 75.0, 50.0)
    _, b, c = task_indices([TaskOutcome(1, True, quality_failures=4, delays=9)])
    assert (b, c) == (0.0, 0.0)


def test_exempt_failures_and_delays_are_not_counted_and_never_go_negative():
    _, b, c = task_indices([TaskOutcome(1, True, quality_failures=2, delays=1, exempt_quality_failures=2,
                                        exempt_delays=5)])
    assert (b, c) == (100.0, 100.0)


def test_uncompleted_task_scores_zero_in_quality_and_progress():
    assert task_indices([TaskOutcome(1, False)]) == (0.0, 0.0, 0.0)


def test_no_tasks_is_refused():
    with pytest.raises(ValueError):
        task_indices([])


def test_leader_criteria_are_100_or_50():
    assert leader_indices(LeaderCriteria(True, True, True)) == (100.0, 100.0, 100.0)
    assert leader_indices(LeaderCriteria(False, False, False)) == (50.0, 50.0, 50.0)


def test_leader_task_points_average_six_indices():
    assert task_points(100, 100, 100, (50, 100, 100)) == pytest.approx(0.70 * 550 / 6)


def test_non_leader_total_and_level():
    score = score_period([TaskOutcome(1, True, quality_failures=1)], 25, is_leader=False)
    assert score.task_points == pytest.approx(0.70 * (100 + 75 + 100) / 3)
    assert score.total == pytest.approx(score.task_points + 25)
    assert score.level == GOOD and score.override is None and score.leader is None


def test_classification_uses_unrounded_total():
    # 0.70 × (100 + 100 + 75)/3 = 64.1666…; + 25.83 = 89.9966… → tốt, although it rounds to 90.00
    score = score_period([TaskOutcome(1, True, delays=1)], 25.83, is_leader=False)
    assert round(score.total, 2) == 90.0
    assert score.level == GOOD


@pytest.mark.parametrize("overrides,is_leader,reason", [
    (Overrides(degradation_conclusion=True), False, "degradation_conclusion"),
    (Overrides(discipline_reprimand_or_heavier=True), False, "discipline_reprimand_or_heavier"),
    (Overrides(unit_corruption_case=True), True, "unit_corruption_case"),
    (Overrides(unit_corruption_case=True), False, None),
    (Overrides(), True, None),
])
def test_overrides(overrides, is_leader, reason):
    assert override_reason(overrides, is_leader) == reason
    leader = LeaderCriteria(True, True, True) if is_leader else None
    score = score_period([TaskOutcome(1, True)], 30, is_leader=is_leader, leader=leader, overrides=overrides)
    assert score.level == (NOT_COMPLETED if reason else EXCELLENT)
    assert score.override == reason


def test_general_points_out_of_range_and_leader_without_criteria_are_refused():
    with pytest.raises(ValueError):
        score_period([TaskOutcome(1, True)], 31, is_leader=False)
    with pytest.raises(ValueError):
        score_period([TaskOutcome(1, True)], 20, is_leader=True)


@pytest.mark.parametrize("value,expected", [(48.125, 48.13), (74.125, 74.13), (89.995, 90.0), (70.0, 70.0),
                                            (49.994999, 49.99)])
def test_figures_are_shown_half_up_to_two_decimals(value, expected):
    from evaluation.appraisal.domain.scoring import shown

    assert shown(value) == expected
