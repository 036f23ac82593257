"""The 360 round's notifications (contract: cadre_shared.contracts.notifications): what to rate,
and HR's reminders to those who have not finished. Values only; the gateway writes the texts."""
from __future__ import annotations

from cadre_shared.contracts.notifications import MAX_CADRES
from cadre_shared.notify import notification

from ...common.events import PRODUCER
from ..models.periods import Period


def _params(period: Period) -> dict:
    return {"period": period.code, "due_on": (period.rating_due_on or period.ends_on).isoformat()}


def _batches(cadre_ids: list[str]) -> list[list[str]]:
    return [cadre_ids[i:i + MAX_CADRES] for i in range(0, len(cadre_ids), MAX_CADRES)]


def rating_requested(period: Period, unit_id: str, raters: list[str]) -> list[dict]:
    """One request per unit naming its raters (one inbox item each: the key is per user)."""
    return [notification(PRODUCER, "rating_requested", about=unit_id, cadre_ids=batch, params=_params(period),
                         link=f"/ratings?period={period.code}",
                         dedupe_key=f"rating_requested|{period.id}|{unit_id}")
            for batch in _batches(raters)]


def rating_reminder(period: Period, unit_id: str, raters: list[str], number: int) -> list[dict]:
    """HR's ``number``-th reminder of the unit: a new key each time, so each reaches the inbox."""
    return [notification(PRODUCER, "rating_reminder", about=unit_id, cadre_ids=batch, params=_params(period),
                         link=f"/ratings?period={period.code}",
                         dedupe_key=f"rating_reminder|{period.id}|{unit_id}|{number}")
            for batch in _batches(raters)]
