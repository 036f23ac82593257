"""Each unit's flags not closed, kept in one document per unit (models.UnitFlags) so that a flag
list or an assessment reads them by ``_id``: the flag store filters by nothing else without reading
every flag. Every write of a flag is followed by ``note`` of its new state."""
from __future__ import annotations

import hashlib
import json

from ..models import UnitFlags

# What an assessment writes into a flag: a row keeps their fingerprint, so re-assessing a cadre
# whose flag would not change reads nothing more (a point read per flagged cadre cost most of it).
ASSESSED = ("unit_id", "period", "light", "probability", "factors", "triggers", "model_version")


def assessed(flag: dict) -> str:
    """The fingerprint of the assessed fields of a flag (as stored, or as an assessment sets them)."""
    text = json.dumps([flag.get(k) for k in ASSESSED], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def note(flag: dict) -> None:
    """Record the flag's state (as stored) in its unit's document: its row while not closed, else
    the period HR closed it for (a new flag waits for a newer period)."""
    cadre_id = flag["cadre_id"]
    collection = UnitFlags._get_collection()
    if flag["status"] == "closed":
        update = {"$unset": {f"rows.{cadre_id}": ""}, "$set": {f"closed.{cadre_id}": flag.get("period")}}
    else:
        update = {"$set": {f"rows.{cadre_id}": {"flag_id": flag["_id"], "light": flag["light"],
                                                "probability": flag.get("probability"), "status": flag["status"],
                                                "version": flag["version"],
                                                "assessed": assessed(flag)}}}
    collection.update_one({"_id": flag["unit_id"]}, update, upsert=True)


def of_unit(unit_id: str) -> tuple[dict[str, dict], dict[str, str | None]]:
    """(cadre id → row of their flag not closed, cadre id → period of their last closed flag)."""
    doc = UnitFlags._get_collection().find_one({"_id": unit_id}) or {}
    return doc.get("rows", {}), doc.get("closed", {})


def moved(cadre_id: str, old_unit_id: str) -> None:
    """A flag re-assessed under a cadre's new unit leaves the old unit's list."""
    UnitFlags._get_collection().update_one({"_id": old_unit_id}, {"$unset": {f"rows.{cadre_id}": ""}})
