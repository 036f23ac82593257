"""Storing accepted course results: insert new ones with their `result.recorded` event, update
changed ones with a new event, leave identical ones alone (a re-uploaded file changes nothing)."""
from __future__ import annotations

import uuid

from mongoengine.errors import NotUniqueError

from cadre_shared.envelope import make_event
from cadre_shared.outbox import update_with_event

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


def record(row: GoodRow, batch_id: str) -> str:
    """created | updated | unchanged."""
    rid, values = result_id(row.cadre_id, row.course_code, row.session), _values(row)
    doc = CourseResult(id=rid, cadre_id=row.cadre_id, cadre_code=row.cadre_code, course_code=row.course_code,
                       session=row.session, batch_id=batch_id, **values)
    doc.stage_event(_event(rid, row, values))
    try:
        doc.save(force_insert=True)
        return "created"
    except NotUniqueError:
        pass
    stored = CourseResult._get_collection().find_one({"_id": rid}, {k: 1 for k in FIELDS})
    if stored is not None and all(stored.get(k) == v for k, v in values.items()):
        return "unchanged"
    # only the document still holding the values read above is changed, so two racing uploads
    # of different values cannot both win silently
    matched = update_with_event(CourseResult, {"_id": rid, **{k: stored.get(k) for k in FIELDS}},
                                {"$set": {**values, "batch_id": batch_id}}, _event(rid, row, values))
    return "updated" if matched else "unchanged"
