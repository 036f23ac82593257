from datetime import datetime, timedelta, timezone

from gateway.domain.throttle import ProgressiveDelay, ThrottlePolicy, blocked_for, seconds_until

POLICY = ThrottlePolicy(max_failures=5, window_seconds=900)
DELAY = ProgressiveDelay(free_failures=5, first_delay_seconds=30, max_delay_seconds=3600)
START = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)


def test_four_failures_do_not_block_the_fifth_does():
    assert blocked_for(4, START, START + timedelta(seconds=10), POLICY) == 0
    assert blocked_for(5, START, START + timedelta(seconds=10), POLICY) == 890


def test_block_lifts_exactly_when_the_window_ends():
    assert blocked_for(9, START, START + timedelta(seconds=899), POLICY) == 1
    assert blocked_for(9, START, START + timedelta(seconds=900), POLICY) == 0


def test_no_counter_never_blocks():
    assert blocked_for(0, None, START, POLICY) == 0


def test_the_free_failures_cost_nothing_then_each_one_doubles_the_wait():
    assert [DELAY.delay_after(n) for n in range(1, 10)] == [0, 0, 0, 0, 30, 60, 120, 240, 480]


def test_the_wait_stops_growing_at_its_maximum():
    assert DELAY.delay_after(12) == 3600 and DELAY.delay_after(10_000) == 3600


def test_seconds_until_rounds_up_and_never_goes_negative():
    assert seconds_until(START + timedelta(seconds=29, milliseconds=1), START) == 30
    assert seconds_until(START, START + timedelta(seconds=1)) == 0
    assert seconds_until(None, START) == 0
