"""Each cadre's course results in one document (``CadreResults``, read by ``_id``), kept from the
service's own ``result.recorded`` events: compliance, plans and a cadre's result list read it
instead of searching every stored result by cadre."""
from __future__ import annotations

from datetime import date, datetime, timezone

from cadre_shared.by_id import find_by_ids

from ..domain import compliance as rules
from ..models import CadreResults, CourseResult

FIELDS = ("course_code", "category", "session", "completed_on", "passed", "hours", "certificate_expires_on")


def keep_result(event: dict) -> bool:
    """Store the event's result in its cadre's document unless a later event about the same result is
    already there (then False: this one is stale)."""
    return bool(keep_results([event]))


def keep_results(events: list[dict]) -> list[str]:
    """``keep_result`` for a run of events (a school's file publishes thousands): the cadres' documents
    read by ``_id`` once each (``find_by_ids``) and written once; returns the cadres whose results changed."""
    by_cadre: dict[str, list[dict]] = {}
    for event in events:
        by_cadre.setdefault(event["payload"]["cadre_id"], []).append(event)
    collection = CadreResults._get_collection()
    held = {doc_id: doc.get("results") or {} for doc_id, doc in find_by_ids(collection, by_cadre).items()}
    changed = []
    for cadre_id, run in by_cadre.items():
        sets: dict[str, dict] = {}
        for event in run:
            p = event["payload"]
            previous = sets.get(p["result_id"]) or held.get(cadre_id, {}).get(p["result_id"])
            if previous is not None and previous.get("at", "") > event["occurred_at"]:
                continue
            sets[p["result_id"]] = {**{name: p[name] for name in FIELDS}, "at": event["occurred_at"]}
        if sets:
            collection.update_one({"_id": cadre_id}, {"$set": {f"results.{result_id}": value
                                                               for result_id, value in sets.items()}}, upsert=True)
            changed.append(cadre_id)
    return changed


def _iso(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def stored(cadre_id: str) -> dict[str, dict]:
    """Result id → its fields, for one cadre."""
    doc = CadreResults._get_collection().find_one({"_id": cadre_id}) or {}
    return doc.get("results") or {}


def results_of(cadre_id: str, held: dict[str, dict] | None = None) -> list[rules.Result]:
    """The cadre's results (``held``: their stored results already read, e.g. by ``stored_many``)."""
    return [rules.Result(r["course_code"], r["category"], r["session"], _iso(r["completed_on"]), r["passed"],
                         _iso(r["certificate_expires_on"])) for r in (stored(cadre_id) if held is None else held).values()]


def stored_many(cadre_ids: list[str]) -> dict[str, dict[str, dict]]:
    """Cadre id → result id → its fields, for many cadres, each read by ``_id`` (none: empty)."""
    found = {doc["_id"]: doc.get("results") or {}
             for doc in find_by_ids(CadreResults._get_collection(), cadre_ids).values()}
    return {cadre_id: found.get(cadre_id, {}) for cadre_id in cadre_ids}


def result_list(cadre_id: str) -> list[dict]:
    """The cadre's results, newest first."""
    rows = [{"id": rid, **{name: r[name] for name in FIELDS}} for rid, r in stored(cadre_id).items()]
    return sorted(rows, key=lambda r: (r["completed_on"], r["course_code"]), reverse=True)


def rebuild_index() -> int:
    """Every stored result into its cadre's document again (the results are the record; the index
    is derived). Returns the number of results read. Each entry is stamped with the rebuild's time: the
    stored result already holds every change whose event may still be on its way."""
    count = 0
    collection = CadreResults._get_collection()
    at = datetime.now(timezone.utc).isoformat(timespec="microseconds")
    for doc in CourseResult._get_collection().find({}, {"outbox": 0}).batch_size(1000):
        count += 1
        entry = {name: doc.get(name) for name in FIELDS}
        collection.update_one({"_id": doc["cadre_id"]}, {"$set": {f"results.{doc['_id']}": {**entry, "at": at}}},
                              upsert=True)
    return count
