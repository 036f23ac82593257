"""Sign-in throttling: a fixed window of failed attempts per username and per client address."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class ThrottlePolicy:
    max_failures: int
    window_seconds: int


def blocked_for(failures: int, window_started: datetime | None, now: datetime, policy: ThrottlePolicy) -> int:
    """Seconds the key stays blocked (0 when a new attempt may be checked).

    Blocked once ``max_failures`` failures were counted in the current window; the block
    lifts when that window ends, and the count starts again."""
    if window_started is None or failures < policy.max_failures:
        return 0
    ends = window_started + timedelta(seconds=policy.window_seconds)
    remaining = (ends - now).total_seconds()
    return max(0, int(remaining + 0.999))


def window_expired(window_started: datetime | None, now: datetime, policy: ThrottlePolicy) -> bool:
    return window_started is None or now >= window_started + timedelta(seconds=policy.window_seconds)
