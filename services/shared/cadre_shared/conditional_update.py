"""A conditional update — "change this document only if it still says what I read" — in which
every command names the document by ``_id`` alone.

``update_one({"_id": X, "version": 3}, …)`` is one atomic command, but on the embedded store
(FerretDB on SQLite) a filter with anything besides ``_id`` reads and decodes the whole
collection: with the 10,000 risk flags of a large province each early-warning update of a flag
took 1.9 s. Here the writer instead takes a short lock named after the document (a document of
``write_locks`` inserted by ``_id``: a second writer's insert is refused), reads the document by
``_id``, compares the fields it expects, writes by ``_id`` and drops the lock — four point
commands, a few milliseconds. Every conditional writer goes through here (``update_where`` of the
evaluation, ``outbox.update_with_event``), so no writer finds a document changed between its
check and its write. A lock left by a writer that died is taken over once it is ``STALE``;
a writer that cannot get the lock within ``wait`` seconds is told the document changed meanwhile,
which its callers already answer (a 409, or reading again)."""
from __future__ import annotations

import time
import uuid

from pymongo.errors import DuplicateKeyError

LOCKS = "write_locks"
STALE_SECONDS = 30.0  # far longer than the four commands a holder runs
WAIT_SECONDS = 2.0
PAUSE_SECONDS = 0.005


def update_if(collection, doc_id, expected: dict, update: dict, wait: float = WAIT_SECONDS) -> bool:
    """Apply ``update`` to the document ``doc_id`` of ``collection`` if its fields equal ``expected``
    (dotted paths allowed, scalar values); True when it was applied. Exceptions of the write
    (a refused unique value) reach the caller, with the lock dropped."""
    if any(isinstance(value, dict) for value in expected.values()):
        raise ValueError(f"update_if compares plain values, not operators: {expected}")
    if not expected:
        return collection.update_one({"_id": doc_id}, update).matched_count == 1
    locks, key, token = collection.database[LOCKS], f"{collection.name}|{doc_id}", uuid.uuid4().hex
    if not _acquire(locks, key, token, wait):
        return False
    try:
        doc = collection.find_one({"_id": doc_id}, {path.split(".")[0]: 1 for path in expected})
        if doc is None or any(_value(doc, path) != value for path, value in expected.items()):
            return False
        return collection.update_one({"_id": doc_id}, update).matched_count == 1
    finally:
        _release(locks, key, token)


def _value(doc: dict, path: str):
    for part in path.split("."):
        if not isinstance(doc, dict):
            return None
        doc = doc.get(part)
    return doc


def _acquire(locks, key: str, token: str, wait: float) -> bool:
    deadline = time.monotonic() + wait
    while True:
        try:
            locks.insert_one({"_id": key, "token": token, "at": time.time()})
            return True
        except DuplicateKeyError:
            held = locks.find_one({"_id": key})
            if held is not None and time.time() - held.get("at", 0) > STALE_SECONDS:
                _take_over(locks, held)
                continue
            if held is not None and time.monotonic() >= deadline:
                return False
            time.sleep(PAUSE_SECONDS)


def _take_over(locks, held: dict) -> None:
    """Drop a dead writer's lock; if another writer took it over meanwhile, theirs is put back."""
    gone = locks.find_one_and_delete({"_id": held["_id"]})
    if gone is not None and gone.get("token") != held.get("token"):
        _put_back(locks, gone)


def _release(locks, key: str, token: str) -> None:
    gone = locks.find_one_and_delete({"_id": key})
    if gone is not None and gone.get("token") != token:  # ours was taken over as stale: not ours to drop
        _put_back(locks, gone)


def _put_back(locks, lock: dict) -> None:
    try:
        locks.insert_one(lock)
    except DuplicateKeyError:
        pass  # a third writer holds it now
