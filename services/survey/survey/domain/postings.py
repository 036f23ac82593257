"""Where an official served when a citizen answered: the unit and status of the time the answer
was given, not of the time it arrived. A kiosk that was offline sends its queued answers later,
and the official may have moved to another unit (luân chuyển, điều động) or left meanwhile; the
answer still belongs to the unit and official the citizen rated."""
from __future__ import annotations

from datetime import datetime


def post_at(posts: list[dict], current: tuple[str | None, str | None], moment: datetime) -> tuple:
    """(unit_id, status) of an official at ``moment``.

    ``posts`` are the states the registry announced, each ``{"version", "unit_id", "status",
    "since"}`` (``since``: when the registry recorded it). The latest recorded at or before
    ``moment`` wins; before the first record, the first; without any record, ``current``."""
    if not posts:
        return current
    ordered = sorted(posts, key=lambda p: (p["since"], p["version"]))
    then = [p for p in ordered if p["since"] <= moment]
    chosen = then[-1] if then else ordered[0]
    return chosen["unit_id"], chosen["status"]
