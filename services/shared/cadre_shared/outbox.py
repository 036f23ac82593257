"""Transactional outbox without multi-document transactions.

An event is stored *inside the document whose change it describes*, in the same
single-document write (``outbox`` list + ``outbox_pending`` counter). The relay
publishes pending events and removes each one only after Kafka acknowledged it,
so: no acknowledged write without its event, no event without its write. A crash
between publish and removal re-publishes the event; consumers dedupe by event id.

A document that exists only to carry its events (``carrier_only = True``: written once,
with all its events, and never updated) is deleted by the relay once Kafka has them all,
in one write, so such a collection holds only what is still to be published. A carrier
may be written *before* the change it announces (in a separate document); it then says,
through ``publish_verdict``, whether that change is stored (publish), may still be under
way (wait), or never happened (drop: deleted unpublished).

Finding pending events means reading a collection by ``outbox_pending``, which the local
store (FerretDB on SQLite) can only do by reading every document. So every write that
stages events also counts them on a small clock per collection (``note_staged``, after the
write), and the relay reads a collection again only when its clock moved since it last
found it empty — and anyway once a minute, which also bounds how long an event waits if a
process died between its write and the clock (delayed, never lost). Collections of
carriers stay small and are always read.
"""
from __future__ import annotations

import logging
import signal
import threading
import time

from mongoengine import Document, DictField, IntField, ListField
from pymongo.errors import DuplicateKeyError, PyMongoError

from . import bus

log = logging.getLogger(__name__)


PUBLISH, WAIT, DROP = "publish", "wait", "drop"


class OutboxDocument(Document):
    """Base for documents that carry their own pending events."""

    meta = {"abstract": True, "indexes": ["outbox_pending"]}
    outbox = ListField(DictField())
    outbox_pending = IntField(default=0)
    carrier_only = False  # True: the relay deletes the document once its events are published

    @classmethod
    def publish_verdict(cls, raw: dict) -> str:
        """For a carrier written ahead of its change: "publish", "wait" or "drop"."""
        return PUBLISH

    @classmethod
    def drop_filter(cls, raw: dict) -> dict:
        """Which stored document a "drop" verdict deletes (a carrier refreshed since it was read
        must not match)."""
        return {"_id": raw["_id"]}

    def stage_event(self, event: dict) -> None:
        """Attach an event to be written with the next ``save()`` of this document."""
        self.outbox.append(event)
        self.outbox_pending = (self.outbox_pending or 0) + 1
        self._staged = True

    def save(self, *args, **kwargs):
        staged = getattr(self, "_staged", False)
        saved = super().save(*args, **kwargs)
        if staged:
            self._staged = False
            if not self.carrier_only:
                note_staged(type(self))
        return saved


CLOCKS = "outbox_clocks"


def note_staged(document_cls) -> None:
    """Count, after a write that staged events in ``document_cls``'s collection, that there is
    something to publish (the relay skips collections whose clock has not moved). Never fails
    the write it follows: a missed tick only delays the events until the relay's next full pass."""
    collection = document_cls._get_collection()
    clocks = collection.database[CLOCKS]
    for _ in range(2):
        try:
            clocks.update_one({"_id": collection.name}, {"$inc": {"ticks": 1}}, upsert=True)
            return
        except DuplicateKeyError:
            continue  # two writers created the clock at once: it exists now
        except PyMongoError as exc:
            log.warning("outbox clock of %s not moved (%s): its events wait for the next full pass",
                        collection.name, exc.__class__.__name__)
            return


def update_with_event(document_cls, query: dict, update: dict, event: dict) -> bool:
    """Apply a raw MongoDB ``update`` to the one document matching ``query`` and stage ``event``
    in the same write. Returns False (and stages nothing) when no document matched."""
    update = {**update}
    update.setdefault("$push", {})["outbox"] = event
    update.setdefault("$inc", {})["outbox_pending"] = 1
    result = document_cls._get_collection().update_one(query, update)
    if result.matched_count == 1:
        note_staged(document_cls)
    return result.matched_count == 1


def _clear(collection, doc_id, event: dict) -> int:
    """Remove a published event from its document's outbox; 1 when this call removed it.

    ``event`` is the entry exactly as read from the store: FerretDB's ``$pull`` removes only
    elements equal to the value given (a condition such as ``{"event_id": …}`` matches
    nothing there). Both writes filter on ``_id`` alone: FerretDB pushes only ``_id``
    equality down to its store and filters anything else document by document, which made
    clearing a backlog quadratic. The counter is decremented only by the call whose
    ``$pull`` removed the event, so two relays clearing the same event still decrement once;
    a crash between the two writes leaves the counter one too high, which the relay repairs
    when it next finds that document with an empty outbox."""
    pulled = collection.update_one({"_id": doc_id}, {"$pull": {"outbox": event}})
    if pulled.modified_count != 1:
        return 0
    collection.update_one({"_id": doc_id}, {"$inc": {"outbox_pending": -1}})
    return 1


class OutboxRelay:
    """Polls the outbox of each document class and publishes to Kafka, with backoff."""

    def __init__(self, document_classes, producer_factory, batch_size: int = 500,
                 idle_sleep: float = 0.1, max_backoff: float = 5.0, full_pass_every: float = 60.0):
        self.document_classes = list(document_classes)
        self.producer_factory = producer_factory
        self.batch_size = batch_size
        self.idle_sleep = idle_sleep
        self.max_backoff = max_backoff
        self.full_pass_every = full_pass_every
        self._producer = None
        self._stop = threading.Event()
        self._quiet: dict[tuple[str, str], int] = {}  # (database, collection) → clock when last found empty
        self._last_full_pass = float("-inf")

    def stop(self, *_args) -> None:
        self._stop.set()

    def _producer_or_new(self):
        if self._producer is None:
            self._producer = self.producer_factory()
        return self._producer

    def _drop_producer(self) -> None:
        producer, self._producer = self._producer, None
        if producer is not None:
            try:
                producer.close(timeout=1)
            except Exception:
                pass

    def publish_pending(self) -> int:
        """One pass over every outbox whose clock moved since it was last found empty (every
        outbox, once per ``full_pass_every``); returns how many events were published and cleared."""
        published = 0
        full_pass = time.monotonic() - self._last_full_pass >= self.full_pass_every
        if full_pass:
            self._last_full_pass = time.monotonic()
        for cls in self.document_classes:
            collection = cls._get_collection()
            carrier = cls.carrier_only
            where = (collection.database.name, collection.name)
            ticks = None if carrier else self._clock(collection)
            if ticks is not None and not full_pass and self._quiet.get(where) == ticks:
                continue  # nothing staged since this collection was last found empty
            projection = None if carrier else {"outbox": 1}  # a carrier is small
            docs = list(collection.find({"outbox_pending": {"$gt": 0}}, projection).limit(self.batch_size))
            if not docs:
                if ticks is not None:
                    self._quiet[where] = ticks
                continue
            self._quiet.pop(where, None)  # read it again next time, until it is found empty
            for doc in docs:
                if not doc.get("outbox"):
                    self._repair_counter(collection, doc["_id"])
            docs = [doc for doc in docs if doc.get("outbox")]
            if carrier:
                docs = self._publishable(cls, collection, docs)
            if not docs:
                continue
            producer = self._producer_or_new()
            sent = [(doc["_id"], event, bus.send(producer, event)) for doc in docs for event in doc["outbox"]]
            producer.flush(timeout=30)
            for _doc_id, _event, future in sent:
                future.get(timeout=0)  # raises if Kafka did not acknowledge
            if carrier:
                for doc in docs:
                    published += collection.delete_one({"_id": doc["_id"]}).deleted_count * len(doc["outbox"])
            else:
                for doc_id, event, _future in sent:
                    published += _clear(collection, doc_id, event)
        return published

    @staticmethod
    def _clock(collection) -> int:
        clock = collection.database[CLOCKS].find_one({"_id": collection.name})
        return clock["ticks"] if clock else 0

    @staticmethod
    def _publishable(cls, collection, docs: list[dict]) -> list[dict]:
        ready = []
        for doc in docs:
            verdict = cls.publish_verdict(doc)
            if verdict == PUBLISH:
                ready.append(doc)
            elif verdict == DROP:
                log.warning("outbox relay: %s %s announces a change that was never stored; dropped",
                            cls.__name__, doc["_id"])
                collection.delete_one(cls.drop_filter(doc))
        return ready

    @staticmethod
    def _repair_counter(collection, doc_id) -> None:
        """A crash between ``_clear``'s two writes leaves ``outbox_pending`` above zero with an
        empty outbox; zero it, but only while the outbox is still empty (a write that staged a
        new event in between keeps its count)."""
        collection.update_one({"_id": doc_id, "outbox": {"$size": 0}}, {"$set": {"outbox_pending": 0}})

    def run(self) -> None:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        backoff = 0.2
        idle = 0.0
        log.info("outbox relay started for %s", [c.__name__ for c in self.document_classes])
        while not self._stop.is_set():
            try:
                count = self.publish_pending()
                backoff = 0.2
                if count == 0:  # idle: poll less often, up to 1 s, until something is staged again
                    idle = min(idle * 2, 1.0) if idle else self.idle_sleep
                    self._stop.wait(idle)
                else:
                    idle = 0.0
            except PyMongoError as exc:
                log.warning("outbox relay: store unavailable (%s), retrying in %.1fs", exc.__class__.__name__, backoff)
                self._stop.wait(backoff)
                backoff = min(backoff * 2, self.max_backoff)
            except Exception as exc:  # Kafka down, timeouts: keep the events, try again later
                log.warning("outbox relay: publish failed (%s: %s), retrying in %.1fs",
                            exc.__class__.__name__, exc, backoff)
                self._drop_producer()
                self._stop.wait(backoff)
                backoff = min(backoff * 2, self.max_backoff)
        self._drop_producer()
        log.info("outbox relay stopped")
