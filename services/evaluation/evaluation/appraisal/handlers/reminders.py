"""HR's one-click reminder: a rating_reminder to every rater of the unit who has not answered
everything asked of them (counted exactly now), with a new key each time so each one arrives."""
from __future__ import annotations

from cadre_shared.auth import Principal, ensure_unit

from ...common.events import update_where
from ...common.ids import utcnow
from ..models.periods import Period
from ..models.rounds import UnitRound, round_id
from .periods import ensure_open
from .progress import counted, open_unit_round
from .round_notices import rating_reminder


def remind(principal: Principal, period: Period, unit_id: str) -> dict:
    ensure_unit(principal, unit_id)
    ensure_open(period)
    open_unit_round(period, unit_id)
    progress, figures, _ = counted(period, unit_id)
    key = round_id(period.code, unit_id)
    doc = UnitRound._get_collection().find_one({"_id": key}, {"reminders": 1}) or {}
    number, now = doc.get("reminders", 0) + 1, utcnow()
    unfinished = list(progress.unfinished)
    update = {"$set": {**figures, "last_reminded_at": now, "last_reminded_by": principal.username}}
    if unfinished:
        update["$inc"] = {"reminders": 1}
    update_where(UnitRound, {"_id": key}, update,
                 rating_reminder(period, unit_id, unfinished, number) if unfinished else [])
    return {"period": period.code, "unit_id": unit_id, "reminded": len(unfinished),
            "reminder": number if unfinished else doc.get("reminders", 0), "reminded_at": now}
