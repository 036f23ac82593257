"""Sign-in throttling (chống dò mật khẩu).

Two keys are counted, neither of which lets a stranger lock a user out from everywhere:
- one username from one client address: after a few free failures each further one makes that
  pair wait, twice as long each time (progressive delay) — the attacker's address is locked out
  of that account while its owner, signing in from elsewhere, is not;
- one client address over all usernames: a fixed window, against password spraying."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class ThrottlePolicy:
    """A fixed window: blocked once ``max_failures`` failures were counted within it."""
    max_failures: int
    window_seconds: int


@dataclass(frozen=True)
class ProgressiveDelay:
    """``free_failures`` failures cost nothing; the next makes the pair wait ``first_delay_seconds``,
    each further one twice as long, up to ``max_delay_seconds``. Failures are forgotten after a
    successful sign-in or when ``window_seconds`` passed since the first of them."""
    free_failures: int
    first_delay_seconds: int
    max_delay_seconds: int
    window_seconds: int = 86400

    def delay_after(self, failures: int) -> int:
        over = failures - self.free_failures
        if over < 0:
            return 0
        return min(self.max_delay_seconds, self.first_delay_seconds * 2 ** min(over, 32))


def blocked_for(failures: int, window_started: datetime | None, now: datetime, policy: ThrottlePolicy) -> int:
    """Seconds the key stays blocked (0 when a new attempt may be checked).

    Blocked once ``max_failures`` failures were counted in the current window; the block
    lifts when that window ends, and the count starts again."""
    if window_started is None or failures < policy.max_failures:
        return 0
    return seconds_until(window_started + timedelta(seconds=policy.window_seconds), now)


def seconds_until(moment: datetime | None, now: datetime) -> int:
    """Whole seconds (rounded up) from ``now`` until ``moment``; 0 once it has passed."""
    if moment is None:
        return 0
    return max(0, int((moment - now).total_seconds() + 0.999))
