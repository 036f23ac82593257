"""The outbox relay: publishes the events staged in documents (``outbox``) to Kafka.

It removes each event from its document only after Kafka acknowledged it, so a crash re-publishes
rather than loses (consumers dedupe by event id). A pass reads the documents marked as staged
by ``_id`` and a whole collection only when its clock moved (``outbox.note_staged``), and all of
them when it starts and once per ``full_pass_every`` — ten minutes: each such pass reads every
document of every outbox collection on the embedded store (10,000 dossiers and 33,000 course
results of a large province), which once a minute kept a third of a core busy at rest. An event that
can never be published (unknown type, failing its contract, too large) is set aside in
quarantine with its reason (``quarantine``) instead of blocking every later event.
"""
from __future__ import annotations

import json
import logging
import signal
import threading
import time
from datetime import datetime, timezone

from pymongo.errors import PyMongoError

from . import bus, quarantine
from .metrics import OUTBOX_BACKLOG, OUTBOX_OLDEST_AGE, OUTBOX_PUBLISHED
from .outbox import CLOCKS, DROP, MARKS, PUBLISH

log = logging.getLogger(__name__)

MARKS_A_PASS = 2_000  # marks read a pass: a backlog is worked through in turn, each pass stays short


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


def _decoded(doc: dict) -> dict:
    """A carrier's events, each stored as a dict or, for a carrier of thousands, as its JSON text (one
    string field each instead of a dozen: FerretDB stores and reads them several times faster)."""
    outbox = doc.get("outbox")
    if outbox and any(isinstance(event, str) for event in outbox):
        doc["outbox"] = [json.loads(event) if isinstance(event, str) else event for event in outbox]
    return doc


class OutboxRelay:
    """Polls the outbox of each document class and publishes to Kafka, with backoff."""

    def __init__(self, document_classes, producer_factory, batch_size: int = 500,
                 idle_sleep: float = 0.1, max_backoff: float = 5.0, full_pass_every: float = 600.0,
                 service: str = ""):
        self.service = service
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
        clocks: dict[str, dict] = {}  # database → its collections' clocks, read once a pass
        marks: dict[str, dict] = {}  # database → collection → its marks, read once a pass
        for cls in self.document_classes:
            collection = cls._get_collection()
            if cls.carrier_only:  # a carrier collection holds only what waits: small, always read
                found = collection.find({"outbox_pending": {"$gt": 0}}).limit(self.batch_size)
                docs = [_decoded(doc) for doc in found]
                self._measure_backlog(collection, docs)
                published += self._publish_found(cls, collection, docs)
                continue
            where, found = (collection.database.name, collection.name), []
            ticks, all_marked = self._clock(collection, clocks), self._marks(collection, marks)
            if full_pass or self._quiet.get(where) != ticks:
                found = list(collection.find({"outbox_pending": {"$gt": 0}}, {"outbox": 1}).limit(self.batch_size))
                known = {mark["d"] for mark in all_marked}
                if any(doc["_id"] not in known for doc in found):
                    self._quiet.pop(where, None)  # read it again next time, until it holds only marked ones
                else:  # found empty, or only documents whose marks bring them by _id: no need to read it again
                    self._quiet[where] = ticks
                published += self._publish_found(cls, collection, found)
            marked = all_marked[:self.batch_size]
            docs = self._read_marked(collection, marked)
            self._measure_backlog(collection, found + docs)
            published += self._publish_found(cls, collection, docs)
            self._settle_marks(collection.database[MARKS], marked)
        if full_pass and self.document_classes:
            quarantine.measure(self.service, self.document_classes[0]._get_collection().database)
        OUTBOX_PUBLISHED.labels(self.service).inc(published)
        return published

    def _publish_found(self, cls, collection, docs: list[dict]) -> int:
        """Publish the events of ``docs`` (read with their outbox), repairing a stuck counter."""
        for doc in docs:
            if not doc.get("outbox") and doc.get("outbox_pending", 1) > 0:
                self._repair_counter(collection, doc["_id"])
        docs = [doc for doc in docs if doc.get("outbox")]
        if cls.carrier_only:
            docs = self._publishable(cls, collection, docs)
        return self._publish(collection, docs, cls.carrier_only) if docs else 0

    @staticmethod
    def _read_marked(collection, marked: list[dict]) -> list[dict]:
        """The marked documents, each read by ``_id`` (the store's only fast read)."""
        docs = (collection.find_one({"_id": mark["d"]}, {"outbox": 1, "outbox_pending": 1}) for mark in marked)
        return [doc for doc in docs if doc is not None]

    @staticmethod
    def _settle_marks(marks, marked: list[dict]) -> None:
        """Delete the marks just published, each by ``_id`` alone (a filter with anything else — the
        count read, an ``$or`` of them — makes FerretDB read the whole collection: 56 s for 500 marks
        among 12,000); a mark that a write counted on since it was read is put back with those writes."""
        for mark in marked:
            gone = marks.find_one_and_delete({"_id": mark["_id"]})
            if gone is not None and gone.get("n", 0) != mark["n"]:
                marks.update_one({"_id": mark["_id"]}, {"$set": {"c": mark["c"], "d": mark["d"]},
                                                        "$inc": {"n": gone["n"] - mark["n"]}}, upsert=True)

    @staticmethod
    def _marks(collection, marks: dict[str, dict]) -> list[dict]:
        """``collection``'s marks, from one read of its database's marks a pass (up to ``MARKS_A_PASS``:
        the marks collection holds only what waits, small documents)."""
        database = collection.database
        if database.name not in marks:
            marks[database.name] = {}
            for mark in database[MARKS].find({}).limit(MARKS_A_PASS):
                marks[database.name].setdefault(mark.get("c"), []).append(mark)
        return marks[database.name].get(collection.name, [])

    def _publish(self, collection, docs: list[dict], carrier: bool) -> int:
        """Send every event of ``docs``, set aside those that can never be sent, then clear them
        all from their documents (a carrier: delete it). Raises when Kafka did not acknowledge."""
        producer = self._producer_or_new()
        sent, refused = [], []
        for doc in docs:
            for event in doc["outbox"]:
                reason = quarantine.refusal(event)
                if reason is None:
                    try:
                        sent.append((doc["_id"], event, bus.send(producer, event)))
                        continue
                    except quarantine.PERMANENT as exc:
                        reason = f"refused by the client: {exc.__class__.__name__}: {exc}"
                refused.append((doc["_id"], event, reason))
        producer.flush(timeout=30)
        acknowledged = []
        for doc_id, event, future in sent:
            try:
                future.get(timeout=0)  # raises if Kafka did not acknowledge
                acknowledged.append((doc_id, event))
            except quarantine.PERMANENT as exc:
                refused.append((doc_id, event, f"refused by the broker: {exc.__class__.__name__}: {exc}"))
        for doc_id, event, reason in refused:
            quarantine.set_aside(self.service, collection, doc_id, event, reason)
        if carrier:  # one write for the whole batch (the collection holds only what waits: small)
            collection.delete_many({"_id": {"$in": [doc["_id"] for doc in docs]}})
            return len(acknowledged)
        cleared = sum(_clear(collection, doc_id, event) for doc_id, event in acknowledged)
        for doc_id, event, _reason in refused:
            _clear(collection, doc_id, event)
        return cleared

    def _measure_backlog(self, collection, docs: list[dict]) -> None:
        """Events found waiting in ``collection`` (up to a batch) and how old the oldest is."""
        events = [event for doc in docs for event in doc.get("outbox") or ()]
        oldest = min((str(e.get("occurred_at")) for e in events if e.get("occurred_at")), default=None)
        age = 0.0
        if oldest:
            try:
                age = max((datetime.now(timezone.utc) - datetime.fromisoformat(oldest)).total_seconds(), 0.0)
            except ValueError:
                pass
        OUTBOX_BACKLOG.labels(self.service, collection.name).set(len(events))
        OUTBOX_OLDEST_AGE.labels(self.service, collection.name).set(age)

    @staticmethod
    def _clock(collection, clocks: dict[str, dict]) -> int:
        """``collection``'s clock, from one read of every clock of its database a pass (the clocks
        collection holds a small document per collection: read whole, as a filter other than
        ``_id`` would read it anyway) instead of one read per collection."""
        database = collection.database
        if database.name not in clocks:
            clocks[database.name] = {doc["_id"]: doc.get("ticks", 0) for doc in database[CLOCKS].find({})}
        return clocks[database.name].get(collection.name, 0)

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
