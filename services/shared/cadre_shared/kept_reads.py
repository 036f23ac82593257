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
from collections.abc import Iterable

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
        self._waiting_parts: set[str] | None = set()  # parts named by writes not moved yet (None: whole)

    def moved(self, db, parts: Iterable[str | None] = ()) -> None:
        """After a write that changes what the kept reads read (``db``: the service's database);
        ``parts``: what the write concerned (a period's code, say), for callers that keep results of one
        part (``version(db, part)``): a write that names none moves every part. Still one write."""
        named = {f"parts.{part.replace('.', '_')}": 1 for part in set(parts) if part}
        update = {"$inc": {"n": 1, **(named or {"whole": 1})}, "$setOnInsert": {"epoch": uuid.uuid4().hex}}
        try:
            db[self.collection].update_one({"_id": self.doc_id}, update, upsert=True)
        except DuplicateKeyError:  # another writer created it meanwhile
            db[self.collection].update_one({"_id": self.doc_id}, update)

    def moved_soon(self, db, parts: Iterable[str | None] = ()) -> None:
        """``moved`` for writers on a hot path (citizens' answers arrive by the hundred a second): what
        this process kept is dropped at once, so its own next read reads again, and the version moves
        at most once every ``C360_KEPT_READS_MOVE_EVERY_S`` (1 s) per process — at once when the last
        move is older, else once at the end of that time for every write in between (with every part
        they named, or whole if one named none) — so the other processes read again within that time.
        A write a store round trip each batch made the kiosk path's batches (a few answers each) a round
        trip longer. (A reader keeping results of several versions itself, ``version``, sees this
        process's writes within that time too: the tests' stacks and in-process tests set it to 0.)"""
        every, named = move_every(), {part for part in parts if part}
        with self._lock:
            self._kept = {key: held for key, held in self._kept.items() if key[0] != db.name}
            self._waiting_parts = (self._waiting_parts | named) if named and self._waiting_parts is not None else None
            if self._pending:
                return
            wait = self._last_move + every - time.monotonic()
            if wait > 0:
                self._pending = True
            else:
                self._last_move, now_parts, self._waiting_parts = time.monotonic(), self._waiting_parts, set()
        if wait > 0:
            timer = threading.Timer(wait, self._move_later, args=(db,))
            timer.daemon = True
            timer.start()
        else:
            self.moved(db, now_parts or ())

    def _move_later(self, db) -> None:
        with self._lock:
            self._pending, self._last_move = False, time.monotonic()
            self._kept = {key: held for key, held in self._kept.items() if key[0] != db.name}
            waiting, self._waiting_parts = self._waiting_parts, set()
        try:
            self.moved(db, waiting or ())
        except Exception:  # noqa: BLE001 — a result is kept at most max_age anyway
            log.exception("kept reads %s: the version could not be moved", self.collection)

    def version(self, db, part: str | None = None) -> tuple:
        """The version now (one read by ``_id``), for a caller that keeps results made of several
        versioned reads: it compares them all (a collection made again gives another epoch); of one
        ``part`` only, if given: moved by the writes that named it and those that named none."""
        stored = db[self.collection].find_one({"_id": self.doc_id}) or {}
        if part is None:
            return stored.get("epoch"), stored.get("n", 0)
        return stored.get("epoch"), stored.get("whole", 0), (stored.get("parts") or {}).get(part.replace(".", "_"), 0)

    def read(self, db, key, compute, shared: bool = False):
        """``compute()``'s result for ``key``, as kept while the version has not moved: a copy, or
        (``shared``) the kept object itself, for callers that never change it (no copy per read)."""
        version, full_key, now = self.version(db), (db.name, key), time.monotonic()
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
