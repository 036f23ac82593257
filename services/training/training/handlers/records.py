"""Storing accepted course results: insert new ones with their `result.recorded` event, update
changed ones with a new event, leave identical ones alone (a re-uploaded file changes nothing).

Which rows are new, changed or the same is read from each class's document (``ClassResults``,
by ``_id``), never from the results themselves: on the embedded store a filter such as
``{"_id": {"$in": [50,000 ids]}}`` reads and compares every stored result. New results go in
batches of ``INSERT_BATCH``; a result the class document did not know (its writer stopped
between the two writes) is found by the insert itself and compared then."""
from __future__ import annotations

import json
import uuid
from collections import defaultdict
from datetime import datetime, timezone

from pymongo.errors import BulkWriteError, DuplicateKeyError

from cadre_shared.envelope import make_event
from cadre_shared.outbox import note_staged, update_with_event

from ..domain.result_rows import GoodRow
from ..models import ClassResults, CourseResult

RESULT_NAMESPACE = uuid.UUID("6f3c1f0e-2b55-4c1e-9a0e-7d6b1c2a9e41")
FIELDS = ("category", "completed_on", "passed", "hours", "certificate_expires_on")
INSERT_BATCH = 2000


def result_id(cadre_id: str, course_code: str, session: str) -> str:
    return str(uuid.uuid5(RESULT_NAMESPACE, f"{cadre_id}\x1f{course_code}\x1f{session}"))


def _values(row: GoodRow) -> dict:
    return {"category": row.category, "completed_on": row.completed_on.isoformat(), "passed": row.passed,
            "hours": float(row.hours),
            "certificate_expires_on": row.certificate_expires_on.isoformat() if row.certificate_expires_on else None}


def _held(values: dict) -> str:
    return json.dumps([values[k] for k in FIELDS])


def _class_of(row: GoodRow) -> str:
    return f"{row.course_code}|{row.session}"


def _event(rid: str, row: GoodRow, values: dict) -> dict:
    payload = {"result_id": rid, "cadre_id": row.cadre_id, "course_code": row.course_code,
               "session": row.session, **values}
    return make_event("result.recorded", 1, row.cadre_id, payload, "training")


def record_all(rows: list[GoodRow], batch_id: str) -> dict[str, int]:
    """Store every accepted row; counts of created, updated and unchanged results."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    classes = ClassResults._get_collection()
    known = {class_id: (classes.find_one({"_id": class_id}) or {}).get("results", {})
             for class_id in {_class_of(r) for r in rows}}
    written: dict[str, dict[str, str]] = defaultdict(dict)  # class → cadre → values now stored
    fresh, changed = [], []
    for row in rows:
        held = known[_class_of(row)].get(row.cadre_id)
        if held is None:
            fresh.append(row)
        elif held == _held(_values(row)):
            counts["unchanged"] += 1
        else:
            changed.append(row)
    for start in range(0, len(fresh), INSERT_BATCH):
        for row, outcome in _insert(fresh[start:start + INSERT_BATCH], batch_id):
            counts[outcome] += 1  # also "unchanged": its class document learns it again
            written[_class_of(row)][row.cadre_id] = _held(_values(row))
    for row in changed:
        counts[_change(row, batch_id)] += 1
        written[_class_of(row)][row.cadre_id] = _held(_values(row))
    for class_id, results in written.items():
        update = {"$set": {f"results.{cid}": held for cid, held in results.items()}}
        try:
            classes.update_one({"_id": class_id}, update, upsert=True)
        except DuplicateKeyError:  # another upload created the class meanwhile: it exists now
            classes.update_one({"_id": class_id}, update)
    return counts


def _insert(rows: list[GoodRow], batch_id: str) -> list[tuple[GoodRow, str]]:
    """Insert these results as new; one the store already holds is compared with it instead."""
    docs, now = [], datetime.now(timezone.utc)
    for row in rows:
        rid, values = result_id(row.cadre_id, row.course_code, row.session), _values(row)
        # the stored form of a CourseResult with its event staged (built as a dict: a file holds
        # tens of thousands of rows, and a document object costs a hundred microseconds each)
        docs.append({"_id": rid, "cadre_id": row.cadre_id, "cadre_code": row.cadre_code,
                     "course_code": row.course_code, "session": row.session, **values, "batch_id": batch_id,
                     "recorded_at": now, "outbox": [_event(rid, row, values)], "outbox_pending": 1})
    taken: set[int] = set()
    try:
        CourseResult._get_collection().insert_many(docs, ordered=False)
    except BulkWriteError as exc:  # stored before (or by another upload meanwhile): compare with theirs
        errors = exc.details.get("writeErrors", [])
        taken = {e["index"] for e in errors if e.get("code") == 11000}
        if len(taken) != len(errors):
            raise
    finally:
        note_staged(CourseResult, [doc["_id"] for doc in docs])  # each new result carries its event
    return [(row, _change(row, batch_id) if index in taken else "created") for index, row in enumerate(rows)]


def _change(row: GoodRow, batch_id: str) -> str:
    """updated | unchanged: a stored result changes (with a new event) only when its values differ."""
    rid, values = result_id(row.cadre_id, row.course_code, row.session), _values(row)
    stored = CourseResult._get_collection().find_one({"_id": rid}, {k: 1 for k in FIELDS}) or {}
    if all(stored.get(k) == v for k, v in values.items()):
        return "unchanged"
    update_with_event(CourseResult, {"_id": rid}, {"$set": {**values, "batch_id": batch_id}},
                      _event(rid, row, values))
    return "updated"
