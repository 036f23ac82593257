"""Evaluation periods (kỳ đánh giá): a quarter by default, a month where the province chooses.

Codes are those the survey events carry (``cadre_shared.periods``): ``2026-Q4`` for a quarter,
``2026-11`` for a month. A period is open while tasks and 360 ratings are collected; closing
freezes them and the scores computed at that moment become the period's record.
"""
from __future__ import annotations

OPEN, CLOSING, CLOSED = "open", "closing", "closed"


def accepts_changes(status: str) -> bool:
    """Tasks and ratings change only while the period is open; closing freezes them."""
    return status == OPEN
