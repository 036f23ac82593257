"""Results a worker keeps while a version document has not moved: for reads that group or scan a
whole collection on the embedded store (FerretDB filters only by ``_id``), whose writers are few and
known. Every such writer calls ``moved`` once its write is stored; a reader reads the version (one
document by ``_id``) and uses what it kept for that version, else reads again. So a read after a
write always reads again, and a result is kept at most ``max_age`` seconds (a writer that died
between its write and the version). The version carries an epoch of its own: a collection made
again (a store emptied, a test's fresh database) never matches what was kept before."""
from __future__ import annotations

import copy
import logging
import os
import threading
import time
import uuid

from pymongo.errors import DuplicateKeyError

log = logging.getLogger(__name__)


def move_every() -> float:
    """Seconds between two moves of a hot version by one process (``moved_soon``)."""
    return float(os.environ.get("C360_KEPT_READS_MOVE_EVERY_S", "1.0"))


class KeptReads:
    def __init__(self, collection: str, doc_id: str, max_age: float = 300.0, size: int = 1000):
        self.collection, self.doc_id, self.max_age, self.size = collection, doc_id, max_age, size
        self._kept: dict = {}
        self._lock = threading.Lock()
        self._last_move, self._pending = float("-inf"), False

    def moved(self, db) -> None:
        """After a write that changes what the kept reads read (``db``: the service's database)."""
        update = {"$inc": {"n": 1}, "$setOnInsert": {"epoch": uuid.uuid4().hex}}
        try:
            db[self.collection].update_one({"_id": self.doc_id}, update, upsert=True)
        except DuplicateKeyError:  # another writer created it meanwhile
            db[self.collection].update_one({"_id": self.doc_id}, update)

    def moved_soon(self, db) -> None:
        """``moved`` for writers on a hot path (citizens' answers arrive by the hundred a second): what
        this process kept is dropped at once, so its own next read reads again, and the version moves
        at most once every ``C360_KEPT_READS_MOVE_EVERY_S`` (1 s) per process — at once when the last
        move is older, else once at the end of that time for every write in between — so the other
        processes read again within that time. A write a store round trip each batch made the kiosk
        path's batches (a few answers each) a round trip longer."""
        every = move_every()
        with self._lock:
            self._kept = {key: held for key, held in self._kept.items() if key[0] != db.name}
            if self._pending:
                return
            wait = self._last_move + every - time.monotonic()
            if wait > 0:
                self._pending = True
            else:
                self._last_move = time.monotonic()
        if wait > 0:
            timer = threading.Timer(wait, self._move_later, args=(db,))
            timer.daemon = True
            timer.start()
        else:
            self.moved(db)

    def _move_later(self, db) -> None:
        with self._lock:
            self._pending, self._last_move = False, time.monotonic()
            self._kept = {key: held for key, held in self._kept.items() if key[0] != db.name}
        try:
            self.moved(db)
        except Exception:  # noqa: BLE001 — a result is kept at most max_age anyway
            log.exception("kept reads %s: the version could not be moved", self.collection)

    def read(self, db, key, compute, shared: bool = False):
        """``compute()``'s result for ``key``, as kept while the version has not moved: a copy, or
        (``shared``) the kept object itself, for callers that never change it (no copy per read)."""
        stored = db[self.collection].find_one({"_id": self.doc_id}) or {}
        version, full_key, now = (stored.get("epoch"), stored.get("n", 0)), (db.name, key), time.monotonic()
        with self._lock:
            held = self._kept.get(full_key)
        if held is not None and held[0] == version and now - held[1] < self.max_age:
            return held[2] if shared else copy.deepcopy(held[2])
        result = compute()
        with self._lock:
            if len(self._kept) >= self.size:
                self._kept.clear()
            self._kept[full_key] = (version, now, result if shared else copy.deepcopy(result))
        return result
