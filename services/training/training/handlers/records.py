"""Storing accepted course results: insert new ones with their `result.recorded` event, update
changed ones with a new event, leave identical ones alone (a re-uploaded file changes nothing)."""
from __future__ import annotations

import uuid

from pymongo.errors import BulkWriteError

from cadre_shared.envelope import make_event
from cadre_shared.outbox import note_staged, update_with_event

from ..domain.result_rows import GoodRow
from ..models import CourseResult

RESULT_NAMESPACE = uuid.UUID("6f3c1f0e-2b55-4c1e-9a0e-7d6b1c2a9e41")
FIELDS = ("category", "completed_on", "passed", "hours", "certificate_expires_on")


def result_id(cadre_id: str, course_code: str, session: str) -> str:
    return str(uuid.uuid5(RESULT_NAMESPACE, f"{cadre_id}\x1f{course_code}\x1f{session}"))


def _values(row: GoodRow) -> dict:
    return {"category": row.category, "completed_on": row.completed_on.isoformat(), "passed": row.passed,
            "hours": float(row.hours),
            "certificate_expires_on": row.certificate_expires_on.isoformat() if row.certificate_expires_on else None}


def _event(rid: str, row: GoodRow, values: dict) -> dict:
    payload = {"result_id": rid, "cadre_id": row.cadre_id, "course_code": row.course_code,
               "session": row.session, **values}
    return make_event("result.recorded", 1, row.cadre_id, payload, "training")


def record_all(rows: list[GoodRow], batch_id: str) -> dict[str, int]:
    """Store every accepted row; counts of created, updated and unchanged results. Known results are
    read in one query and new ones inserted in one write (a school's file may hold thousands of rows)."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    keyed = {result_id(r.cadre_id, r.course_code, r.session): r for r in rows}
    collection = CourseResult._get_collection()
    stored = {d["_id"]: d for d in collection.find({"_id": {"$in": list(keyed)}}, {k: 1 for k in FIELDS})}
    fresh = []
    for rid, row in keyed.items():
        if rid in stored:
            counts[_change(rid, row, stored[rid], batch_id)] += 1
            continue
        doc = CourseResult(id=rid, cadre_id=row.cadre_id, cadre_code=row.cadre_code, course_code=row.course_code,
                           session=row.session, batch_id=batch_id, **_values(row))
        doc.stage_event(_event(rid, row, _values(row)))
        doc.validate()
        fresh.append(doc)
    if fresh:
        try:
            collection.insert_many([doc.to_mongo().to_dict() for doc in fresh], ordered=False)
            counts["created"] += len(fresh)
        except BulkWriteError as exc:  # another upload stored some of them meanwhile: compare with theirs
            taken = {fresh[e["index"]].id for e in exc.details.get("writeErrors", []) if e.get("code") == 11000}
            if len(taken) != len(exc.details.get("writeErrors", [])):
                raise
            counts["created"] += len(fresh) - len(taken)
            for rid in taken:
                counts[_change(rid, keyed[rid], collection.find_one({"_id": rid}, {k: 1 for k in FIELDS}),
                               batch_id)] += 1
        finally:
            note_staged(CourseResult)  # each new result carries its event
    return counts


def _change(rid: str, row: GoodRow, stored: dict, batch_id: str) -> str:
    """updated | unchanged: a stored result changes (with a new event) only when its values differ."""
    values = _values(row)
    if all(stored.get(k) == v for k, v in values.items()):
        return "unchanged"
    # only the document still holding the values read above is changed, so two racing uploads
    # of different values cannot both win silently
    matched = update_with_event(CourseResult, {"_id": rid, **{k: stored.get(k) for k in FIELDS}},
                                {"$set": {**values, "batch_id": batch_id}}, _event(rid, row, values))
    return "updated" if matched else "unchanged"
