"""Suspect bursts: many answers from one kiosk in a short time look like repeated presses
(bấm liên tục), not like citizens served one after another. Such answers are kept but held
out of every figure until a person clears them (PRODUCT.md §3.3)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BurstPolicy:
    """Suspect from the ``size``-th answer given within ``seconds`` on one kiosk."""

    size: int = 4
    seconds: float = 60.0

    def __post_init__(self):
        if self.size < 2 or self.seconds <= 0:
            raise ValueError("a burst needs size >= 2 and a positive window")


def burst_verdict(recent: list[float], at: float, policy: BurstPolicy) -> tuple[bool, list[float]]:
    """Judge an answer given at ``at`` (epoch seconds) against the kiosk's ``recent`` answer times.

    Returns (suspect, the times to remember next). Times are those the citizen answered at,
    so answers queued during an outage and sent together are not mistaken for a burst.
    """
    earlier_in_window = [t for t in recent if at - policy.seconds < t <= at]
    suspect = len(earlier_in_window) + 1 >= policy.size
    # Enough history for answers that arrive out of order (a queue flushed after an outage).
    kept = sorted([*recent, at])[-max(policy.size * 4, 16):]
    return suspect, kept
