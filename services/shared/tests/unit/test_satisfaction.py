"""The satisfaction rule both the survey and the evaluation service show figures by (PRODUCT.md §3.3)."""
import pytest

from cadre_shared.satisfaction import satisfaction_index


def test_below_five_responses_is_not_enough_and_shows_no_rate():
    index = satisfaction_index({"very_satisfied": 2, "satisfied": 1, "dissatisfied": 1})
    assert index.responses == 4 and not index.enough
    assert index.satisfaction_rate is None and index.shares is None
    assert "Chưa đủ" in index.message and "Not enough" in index.message
    # the counts themselves are still facts
    assert (index.very_satisfied, index.satisfied, index.dissatisfied) == (2, 1, 1)


def test_exactly_five_responses_is_enough():
    index = satisfaction_index({"very_satisfied": 2, "satisfied": 2, "dissatisfied": 1})
    assert index.enough and index.message is None
    assert index.satisfaction_rate == 0.8
    assert index.shares == {"very_satisfied": 0.4, "satisfied": 0.4, "dissatisfied": 0.2}


def test_rate_counts_very_satisfied_and_satisfied_over_all():
    index = satisfaction_index({"very_satisfied": 1, "satisfied": 1, "dissatisfied": 4})
    assert index.satisfaction_rate == pytest.approx(0.3333)


def test_no_responses_at_all():
    index = satisfaction_index({})
    assert index.responses == 0 and not index.enough and index.satisfaction_rate is None


def test_all_dissatisfied_gives_zero_not_missing():
    assert satisfaction_index({"dissatisfied": 7}).satisfaction_rate == 0.0


def test_minimum_is_configurable():
    assert satisfaction_index({"satisfied": 3}, minimum=3).enough
    assert not satisfaction_index({"satisfied": 2}, minimum=3).enough


def test_negative_counts_are_a_bug():
    with pytest.raises(ValueError):
        satisfaction_index({"satisfied": -1})
