"""The per-kiosk rate limit: how many requests to answer one kiosk may send in a calendar minute
(fixed windows). The gateway, which holds the kiosk credentials, states the limit in the token it
forwards; the survey counts in the kiosk's activity document, beside the burst rule's times
(``handlers.kiosk_activity``)."""
from __future__ import annotations

WINDOW_SECONDS = 60


def minute_key(now: float) -> str:
    """The field counting the requests of the window ``now`` (epoch seconds) falls in."""
    return f"m{int(now // WINDOW_SECONDS) * WINDOW_SECONDS}"


def retry_after(now: float) -> int:
    """Whole seconds until the next window opens (at least 1)."""
    start = int(now // WINDOW_SECONDS) * WINDOW_SECONDS
    return max(1, int(start + WINDOW_SECONDS - now + 0.999))


def over_limit(count_in_window: int, limit: int) -> bool:
    """The ``limit + 1``-th request of a window is refused."""
    return count_in_window > limit


def past_windows(keys, current: str) -> list[str]:
    """The counted windows that ended before ``current`` (the document keeps only the current one)."""
    start = int(current[1:])
    return sorted(k for k in keys if k.startswith("m") and k[1:].isdigit() and int(k[1:]) < start)
