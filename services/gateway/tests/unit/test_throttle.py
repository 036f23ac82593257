from datetime import datetime, timedelta, timezone

from gateway.domain.throttle import ThrottlePolicy, blocked_for, window_expired

POLICY = ThrottlePolicy(max_failures=5, window_seconds=900)
START = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)


def test_four_failures_do_not_block_the_fifth_does():
    assert blocked_for(4, START, START + timedelta(seconds=10), POLICY) == 0
    assert blocked_for(5, START, START + timedelta(seconds=10), POLICY) == 890


def test_block_lifts_exactly_when_the_window_ends():
    assert blocked_for(9, START, START + timedelta(seconds=899), POLICY) == 1
    assert blocked_for(9, START, START + timedelta(seconds=900), POLICY) == 0


def test_no_counter_never_blocks():
    assert blocked_for(0, None, START, POLICY) == 0


def test_window_expiry_boundary():
    assert not window_expired(START, START + timedelta(seconds=899), POLICY)
    assert window_expired(START, START + timedelta(seconds=900), POLICY)
