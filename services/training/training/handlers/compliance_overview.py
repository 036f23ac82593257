"""The province's training figures per unit in one document (``ComplianceOverview``, ``_id``
"units"), so the province's home page and the units' overview read one small document instead of
every unit's compliance document (a hundred reads of a hundred rows each in a merged province).

Every write of a unit's compliance document moves the document's ``revision`` in the same write and
returns the document as written (``unit_compliance._write``); its totals then go into the unit's
entry here with ``$max`` of ``"<revision>|<totals>"``, so the entry of an earlier write, stored
late, never replaces a later one. An entry records what its totals were computed for (day, due-soon
window, basis): the overview's reader computes a unit again when its window or basis changed, and shows an
entry of an earlier day as it is until the daily job has computed the new day (``standing.units_overview``)."""
from __future__ import annotations

import json
from collections.abc import Iterable

from pymongo.errors import DuplicateKeyError

from ..domain import compliance as rules
from ..models import ComplianceOverview

OVERVIEW_ID = "units"


def counts(statuses: Iterable[str]) -> dict[str, int]:
    """How many items in total (``required``) and of each status."""
    found = {"required": 0, **{status: 0 for status in rules.STATUSES}}
    for status in statuses:
        found["required"] += 1
        found[status] += 1
    return found


def totals_of(doc: dict) -> dict:
    """A unit document's entry: what it was computed for, its cadres, its items per status."""
    rows = (doc.get("rows") or {}).values()
    return {"as_of": doc.get("as_of"), "soon_days": doc.get("soon_days"), "basis": doc.get("basis"),
            "cadres": len(rows), "summary": counts(i["status"] for row in rows for i in row["items"])}


def note(doc: dict) -> dict:
    """The unit document ``doc`` (as written, with its ``revision``) into the overview; its entry."""
    entry = totals_of(doc)
    update = {"$max": {f"units.{doc['_id']}": f"{doc.get('revision', 0):012d}|{json.dumps(entry)}"}}
    collection = ComplianceOverview._get_collection()
    try:
        collection.update_one({"_id": OVERVIEW_ID}, update, upsert=True)
    except DuplicateKeyError:  # another writer created the overview meanwhile: it exists now
        collection.update_one({"_id": OVERVIEW_ID}, update)
    return entry


def entries() -> dict[str, dict]:
    """Unit id → its entry, as last noted."""
    doc = ComplianceOverview._get_collection().find_one({"_id": OVERVIEW_ID}) or {}
    return {unit_id: json.loads(stored.partition("|")[2]) for unit_id, stored in (doc.get("units") or {}).items()}


def is_current(entry: dict, now: tuple[str, int, int], any_day: bool = False) -> bool:
    """Whether ``entry`` was computed for ``now`` (day, due-soon window, basis); ``any_day``: for its
    window and basis, on ``now``'s day or an earlier one."""
    day, soon_days, basis = now
    if any_day:
        return bool(entry.get("as_of")) and entry["as_of"] <= day and (entry.get("soon_days"), entry.get("basis")) \
            == (soon_days, basis)
    return (entry.get("as_of"), entry.get("soon_days"), entry.get("basis")) == (day, soon_days, basis)


def clear() -> None:
    """Forget every entry (the unit documents are made again: their revisions start again)."""
    ComplianceOverview._get_collection().delete_one({"_id": OVERVIEW_ID})
