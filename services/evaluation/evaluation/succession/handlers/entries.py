"""Writing a unit plan's entries: the conditional update that keeps the per-title limit, the claim
on a cadre's titles, the history line and the entry's event — all of one change in one write."""
from __future__ import annotations

import secrets
from datetime import date

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from cadre_shared.clock import today
from cadre_shared.conditional_update import update_if
from cadre_shared.outbox import note_staged

from ...common.events import event
from ...common.ids import utcnow
from ..models import CadreTitles, SuccessionPlan, UnitPlan, cadre_key, unit_key


def entry_id(unit_id: str) -> str:
    """An entry's id names its unit, so the entry is found by the unit plan's ``_id``."""
    return f"{unit_id}:{secrets.token_hex(8)}"


def unit_of_entry(entry: str) -> str:
    return entry.rpartition(":")[0]


def load_unit_plan(plan_id: str, unit_id: str) -> UnitPlan:
    """The unit's plan document, made empty the first time (a natural ``_id``: two makers agree)."""
    key = unit_key(plan_id, unit_id)
    found = UnitPlan.objects(id=key).exclude("outbox").first()
    if found is not None:
        return found
    try:
        UnitPlan._get_collection().insert_one({"_id": key, "plan_id": plan_id, "unit_id": unit_id, "entries": {},
                                               "history": [], "version": 0, "outbox": [], "outbox_pending": 0})
    except DuplicateKeyError:
        pass
    return UnitPlan.objects(id=key).exclude("outbox").first()


def active_for_title(doc: UnitPlan, position_id: str) -> list[dict]:
    return [e for e in doc.entries.values() if e["position_id"] == position_id and e["status"] == "active"]


def history_line(action: str, entry: dict, reason: str | None, by: str) -> dict:
    """One line of the yearly review's history ("động": who was added or removed, when and why)."""
    return {"at": utcnow(), "year": today().year, "action": action, "entry_id": entry["id"],
            "cadre_id": entry["cadre_id"], "position_id": entry["position_id"], "reason": reason, "by": by}


def entry_event(plan: SuccessionPlan, unit_id: str, entry: dict, title: str) -> dict:
    return event("succession.entry_changed", entry["cadre_id"], {
        "entry_id": entry["id"], "plan_id": plan.id, "term": plan.term, "cadre_id": entry["cadre_id"],
        "unit_id": unit_id, "position_id": entry["position_id"], "title": title, "status": entry["status"],
        "courses": list(entry.get("courses") or []) if entry["status"] == "active" else [],
        "due_on": entry.get("standard_met_by") if entry["status"] == "active" else None,
        "rotation": entry.get("rotation") if entry["status"] == "active" else None, "version": entry["version"]})


def write_entry(doc: UnitPlan, entry: dict, line: dict, staged: dict) -> bool:
    """Set the entry, append its history line and stage its event, if nobody changed the unit's plan
    since ``doc`` was read; False otherwise (read again and retry)."""
    if update_if(UnitPlan._get_collection(), doc.id, {"version": doc.version},
                 {"$set": {f"entries.{entry['id']}": entry}, "$push": {"history": line, "outbox": staged},
                  "$inc": {"version": 1, "outbox_pending": 1}}):
        note_staged(UnitPlan, [doc.id])
        return True
    return False


def claim_title(plan_id: str, cadre_id: str, title_key: str, limit: int) -> bool:
    """Count one more title for the cadre unless they hold ``limit`` already (atomic)."""
    coll = CadreTitles._get_collection()
    key = cadre_key(plan_id, cadre_id)
    for _ in range(2):
        done = coll.find_one_and_update({"_id": key, "count": {"$lt": limit}},
                                        {"$inc": {"count": 1}, "$push": {"titles": title_key}},
                                        return_document=ReturnDocument.AFTER)
        if done is not None:
            return True
        if coll.find_one({"_id": key}, {"_id": 1}) is not None:
            return False
        try:
            coll.insert_one({"_id": key, "titles": [title_key], "count": 1})
            return True
        except DuplicateKeyError:
            continue  # made meanwhile by another request: count on it
    return False


def release_title(plan_id: str, cadre_id: str, title_key: str) -> None:
    CadreTitles._get_collection().update_one({"_id": cadre_key(plan_id, cadre_id), "titles": title_key},
                                             {"$inc": {"count": -1}, "$pull": {"titles": title_key}})


def titles_of(plan_id: str, cadre_id: str) -> int:
    doc = CadreTitles.objects(id=cadre_key(plan_id, cadre_id)).first()
    return doc.count if doc else 0


def note_unit(plan: SuccessionPlan, unit_id: str) -> None:
    if unit_id not in (plan.unit_ids or []):
        SuccessionPlan._get_collection().update_one({"_id": plan.id}, {"$addToSet": {"unit_ids": unit_id}})


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
