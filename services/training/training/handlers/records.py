"""Storing accepted course results, a chunk of an upload's rows at a time: insert new ones, update
changed ones, leave identical ones alone (a re-uploaded file changes nothing); each new or changed
result gets its `result.recorded` event.

Which rows are new, changed or the same is read from each class's document (``ClassResults``,
by ``_id``), never from the results themselves: on the embedded store a filter such as
``{"_id": {"$in": [50,000 ids]}}`` reads and compares every stored result. A chunk's plan (which
results it creates and updates) and its events are written first, in one carrier document
(``ResultEvents``, ``<batch>|<chunk>``) that the relay publishes once the job records the chunk as
stored; then the results, with one ``insert_many``; a result the class document did not know (its
writer stopped between the two writes) is found by the insert itself and compared then. A chunk
run again after a crash finds its carrier and follows the same plan: its rows are counted once.

A job plans each chunk in its own thread (``prepare_chunk``: the class documents read, the plan made,
its events built and encoded) and stores it from a writer thread (``store_chunk``), so the store
writes one chunk while this process plans the next (issue 22, P5)."""
from __future__ import annotations

import json
import threading
import time
import uuid
from collections import defaultdict
from datetime import datetime, timezone

from pymongo import UpdateOne
from pymongo.errors import BulkWriteError, DuplicateKeyError

from cadre_shared.by_id import find_by_ids
from cadre_shared.conditional_update import update_if
from cadre_shared.envelope import encode, make_events

from ..domain.result_rows import GoodRow
from ..models import ClassResults, CourseResult, ResultEvents

RESULT_NAMESPACE = uuid.UUID("6f3c1f0e-2b55-4c1e-9a0e-7d6b1c2a9e41")
FIELDS = ("category", "completed_on", "passed", "hours", "certificate_expires_on")
CHUNK_ROWS = 2500  # rows stored (and their events carried) together: the job's progress step


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


def _payload(rid: str, row: GoodRow, values: dict) -> dict:
    return {"result_id": rid, "cadre_id": row.cadre_id, "course_code": row.course_code, "session": row.session,
            **values}


class ChunkCache:
    """What one job has read of the class documents, and learnt since (its own writes); the chunks
    planned and not yet stored (``prepared``: chunk → plan and encoded events); and the seconds spent
    in each step of storing (``phases``, shown on the job for the bench; the planning thread's and the
    writer's steps overlap, so they add up to more than the time they took)."""

    def __init__(self):
        self.known: dict[str, dict] = {}
        self.prepared: dict[int, tuple[dict, list[str]]] = {}
        self.phases: dict[str, float] = {}
        self._clocks: dict[int, float] = {}
        self._lock = threading.Lock()

    def lap(self, name: str | None) -> None:
        """Time since this thread's last lap, added to ``name`` (None: not counted)."""
        now, thread = time.perf_counter(), threading.get_ident()
        with self._lock:
            then = self._clocks.get(thread, now)
            if name is not None:
                self.phases[name] = round(self.phases.get(name, 0.0) + now - then, 3)
            self._clocks[thread] = now

    def results_of(self, class_ids: set[str]) -> None:
        classes = ClassResults._get_collection()
        for class_id in class_ids - set(self.known):
            self.known[class_id] = _held_map(classes.find_one({"_id": class_id}))


def _held_map(doc: dict | None) -> dict:
    if doc is None:
        return {}
    return {**(doc.get("results") or {}), **(json.loads(doc["held"]) if doc.get("held") else {})}


def _plan(rows: list[GoodRow], cache: ChunkCache) -> tuple[dict, list[str], list[str | None]]:
    """(plan, events as JSON text, each row's result id or None when unchanged): which results of
    ``rows`` are new, changed or unchanged, from the class documents."""
    cache.results_of({_class_of(r) for r in rows})
    cache.lap("read_classes")
    plan: dict = {"created": [], "updated": [], "unchanged": 0}
    payloads, ids = [], []
    for row in rows:
        values = _values(row)
        held = cache.known[_class_of(row)].get(row.cadre_id)
        if held == _held(values):
            plan["unchanged"] += 1
            ids.append(None)
            continue
        rid = result_id(row.cadre_id, row.course_code, row.session)
        plan["created" if held is None else "updated"].append(rid)
        payloads.append((row.cadre_id, _payload(rid, row, values)))
        ids.append(rid)
    return plan, [encode(e).decode() for e in make_events("result.recorded", 1, payloads, "training")], ids


def prepare_chunk(rows: list[GoodRow], batch_id: str, chunk: int, cache: ChunkCache) -> None:
    """Plan one chunk ahead of ``store_chunk`` (in the job's own thread, while the writer stores the one
    before): the plan, its events and the documents of the results it creates, kept in ``cache``
    until the chunk is stored, so the writer thread only writes. Only reads."""
    cache.lap(None)
    plan, events, ids = _plan(rows, cache)
    created, now = set(plan["created"]), datetime.now(timezone.utc)
    docs = [_result_doc(rid, row, batch_id, now) for rid, row in zip(ids, rows) if rid in created]
    cache.prepared[chunk] = (plan, events, ids, docs)
    cache.lap("plan")


def store_chunk(rows: list[GoodRow], batch_id: str, chunk: int, cache: ChunkCache) -> dict[str, int]:
    """Store one chunk of accepted rows (planned by ``prepare_chunk``, or here); counts of created,
    updated and unchanged results."""
    carriers = ResultEvents._get_collection()
    carrier_id = f"{batch_id}|{chunk}"
    cache.lap(None)
    prepared = cache.prepared.pop(chunk, None)
    ids = docs = None  # each row's result id and the new results' documents, when the plan followed is this one
    stored = carriers.find_one({"_id": carrier_id}, {"plan": 1})
    if stored is not None:  # written before a restart: the same plan, counted once
        plan = stored["plan"]
    else:
        plan, events, ids, docs = prepared or (*_plan(rows, cache), None)
        if events:
            try:
                carriers.insert_one({"_id": carrier_id, "batch_id": batch_id, "chunk": chunk,
                                     "written_at": datetime.now(timezone.utc), "plan": plan,
                                     "outbox": events,  # as JSON text: cheaper
                                     "outbox_pending": len(events)})
            except DuplicateKeyError:  # another runner of the same job wrote it meanwhile: theirs
                plan = carriers.find_one({"_id": carrier_id}, {"plan": 1})["plan"]
                ids = docs = None
    created, updated = set(plan["created"]), set(plan["updated"])
    fresh, changed = [], []
    for n, row in enumerate(rows):
        rid = ids[n] if ids is not None else result_id(row.cadre_id, row.course_code, row.session)
        if rid in created:
            fresh.append((rid, row))
        elif rid in updated:
            changed.append((rid, row))
    cache.lap("carrier")
    same, differ = _insert(fresh, batch_id, docs)
    cache.lap("insert")
    if same or differ:  # results the class documents did not know: the carrier says what really happened
        plan = {"created": [r for r in plan["created"] if r not in same and r not in differ],
                "updated": plan["updated"] + sorted(differ), "unchanged": plan["unchanged"] + len(same)}
        carrier = carriers.find_one({"_id": carrier_id}, {"outbox": 1}) or {}
        kept = [e for e in carrier.get("outbox") or [] if json.loads(e)["payload"]["result_id"] not in same]
        if kept:
            carriers.update_one({"_id": carrier_id}, {"$set": {"plan": plan, "outbox": kept,
                                                                 "outbox_pending": len(kept)}})
        else:  # nothing to tell: a run again finds every result stored already, the same plan
            carriers.delete_one({"_id": carrier_id})
        created, updated = set(plan["created"]), set(plan["updated"])
    if changed:
        CourseResult._get_collection().bulk_write(
            [UpdateOne({"_id": rid}, {"$set": {**_values(row), "batch_id": batch_id}}) for rid, row in changed],
            ordered=False)
    cache.lap("update")
    return {"created": len(created), "updated": len(updated), "unchanged": len(rows) - len(created) - len(updated)}


def learn(rows: list[GoodRow], cache: ChunkCache, tries: int = 5) -> None:
    """Each class document learns what its results hold now: one conditional write per class (merged
    with what another upload wrote meanwhile), once a job has stored its rows. A job stopped before
    leaves the classes unaware of some results: the next upload finds them when inserting."""
    written: dict[str, dict[str, str]] = defaultdict(dict)
    for row in rows:
        held = _held(_values(row))
        if cache.known.get(_class_of(row), {}).get(row.cadre_id) != held:  # a file sent again writes nothing
            written[_class_of(row)][row.cadre_id] = held
    classes = ClassResults._get_collection()
    for class_id, results in written.items():
        cache.known.setdefault(class_id, {}).update(results)
        for _ in range(tries):
            doc = classes.find_one({"_id": class_id}, {"revision": 1, "held": 1, "results": 1})
            if doc is None:
                try:
                    classes.insert_one({"_id": class_id, "held": json.dumps(results), "revision": 1})
                    break
                except DuplicateKeyError:  # another upload created the class meanwhile
                    continue
            merged = {**_held_map(doc), **results}
            if update_if(classes, class_id, {"revision": doc.get("revision", 0)},
                         {"$set": {"held": json.dumps(merged), "revision": doc.get("revision", 0) + 1},
                          "$unset": {"results": ""}}):
                break


def _result_doc(rid: str, row: GoodRow, batch_id: str, now: datetime) -> dict:
    """The stored form of a CourseResult (built as a dict: a file holds tens of thousands of rows, and
    a document object costs a hundred microseconds each); its event travels in the carrier. No
    certificate is left out rather than stored as null: each field costs the embedded store at every
    insert (a tenth less of its CPU for 50,000 results, measured), and reads take a missing one as None."""
    doc = {"_id": rid, "cadre_id": row.cadre_id, "cadre_code": row.cadre_code, "course_code": row.course_code,
           "session": row.session, **_values(row), "batch_id": batch_id, "recorded_at": now}
    if doc["certificate_expires_on"] is None:
        del doc["certificate_expires_on"]
    return doc


def _insert(rows: list[tuple[str, GoodRow]], batch_id: str,
            docs: list[dict] | None = None) -> tuple[set[str], set[str]]:
    """Insert these results as new (``docs``: their documents, when made already). One the store already
    holds — stored by this batch before a restart, or by another upload the class document missed — is
    compared with this row: (ids found the same, ids found different and given this row's values); this
    batch's own count as created."""
    if not rows:
        return set(), set()
    if docs is None:
        now = datetime.now(timezone.utc)
        docs = [_result_doc(rid, row, batch_id, now) for rid, row in rows]
    try:
        CourseResult._get_collection().insert_many(docs, ordered=False)
        return set(), set()
    except BulkWriteError as exc:
        errors = exc.details.get("writeErrors", [])
        if any(e.get("code") != 11000 for e in errors):
            raise
    taken = {rows[e["index"]][0]: rows[e["index"]][1] for e in errors}
    results = CourseResult._get_collection()
    same, differ = set(), set()
    # each by its own _id: FerretDB reads the whole collection for {"_id": {"$in": …}} (cadre_shared.by_id)
    for rid, stored in find_by_ids(results, taken, {"batch_id": 1, **{k: 1 for k in FIELDS}}).items():
        if stored.get("batch_id") == batch_id:
            continue  # this batch's own, before a restart: created
        values = _values(taken[rid])
        if all(stored.get(k) == v for k, v in values.items()):
            same.add(rid)
        else:
            differ.add(rid)
            results.update_one({"_id": rid}, {"$set": {**values, "batch_id": batch_id}})
    return same, differ
