import pytest

from survey.domain.burst import BurstPolicy, burst_verdict

POLICY = BurstPolicy(size=4, seconds=60)


def test_three_answers_in_a_minute_are_not_a_burst():
    assert burst_verdict([0.0, 10.0], 20.0, POLICY)[0] is False


def test_the_fourth_answer_within_the_window_is_suspect():
    assert burst_verdict([0.0, 10.0, 20.0], 30.0, POLICY)[0] is True


def test_answers_just_outside_the_window_do_not_count():
    # window is (at - 60, at]: an answer exactly 60 s earlier has left it
    assert burst_verdict([0.0, 10.0, 20.0], 60.0, POLICY)[0] is False
    assert burst_verdict([0.5, 10.0, 20.0], 60.0, POLICY)[0] is True


def test_spaced_answers_never_become_a_burst():
    recent: list[float] = []
    for i in range(50):
        suspect, recent = burst_verdict(recent, i * 30.0, POLICY)
        assert not suspect


def test_answers_queued_offline_are_judged_by_when_they_were_given():
    # three answers given minutes apart during an outage arrive together: no burst
    recent: list[float] = []
    for at in (100.0, 400.0, 700.0, 1000.0):
        suspect, recent = burst_verdict(recent, at, POLICY)
        assert not suspect


def test_history_is_bounded_and_sorted():
    recent: list[float] = []
    for i in range(100):
        _, recent = burst_verdict(recent, float(1000 - i), POLICY)
    assert len(recent) == 16 and recent == sorted(recent)


@pytest.mark.parametrize("size,seconds", [(1, 60), (4, 0), (4, -1)])
def test_policy_must_make_sense(size, seconds):
    with pytest.raises(ValueError):
        BurstPolicy(size=size, seconds=seconds)
