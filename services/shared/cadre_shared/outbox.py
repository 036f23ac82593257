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
way (wait), or never happened (drop: deleted unpublished). A carrier may keep each event as its JSON
text (``envelope.encode`` decoded to a string) rather than as a document: for thousands of events
that is several times cheaper on the embedded store; the relay reads both.

Finding pending events by ``outbox_pending`` means, on the local store (FerretDB on SQLite),
reading and decoding every document of the collection — for the cadres' dossiers, every
dossier, once a relay pass while a registry import stages its events. So every write that
stages events also says so after the write (``note_staged``): with the ids of the documents
it staged in, it leaves a small *mark* per document (``outbox_marks``, keyed
``<collection>|<id>``, counting the writes), and the relay reads only those documents, by
``_id``, deleting a mark only if no write counted on it since it was read; without ids it
moves the collection's clock, and the relay reads the whole collection again when its clock
moved since it last found it empty. Every collection is read whole anyway once a minute,
which bounds how long an event waits if a process died between its write and its mark or
clock (delayed, never lost). Collections of carriers stay small and are always read.

The relay that publishes them is ``relay.OutboxRelay``.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable

from mongoengine import Document, DictField, IntField, ListField
from pymongo import UpdateOne
from pymongo.errors import BulkWriteError, DuplicateKeyError, PyMongoError

from cadre_shared.conditional_update import update_if

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
                note_staged(type(self), [self.pk])
        return saved


CLOCKS = "outbox_clocks"
MARKS = "outbox_marks"


def mark_id(collection_name: str, doc_id) -> str:
    return f"{collection_name}|{doc_id}"


def note_staged(document_cls, ids: Iterable | None = None) -> None:
    """Say, after a write that staged events in ``document_cls``'s collection, that there is
    something to publish: a mark per document of ``ids`` (the relay reads those documents by
    ``_id``), or without ids the collection's clock (the relay reads the collection). Never fails
    the write it follows: a missed mark or tick only delays the events until the relay's next full pass."""
    collection = document_cls._get_collection()
    if ids is not None:
        try:
            _mark(collection, list(ids))
            return
        except PyMongoError as exc:  # two writers created a mark at once, or the store is away: the clock then
            log.info("outbox marks of %s not all written (%s): the clock instead",
                     collection.name, exc.__class__.__name__)
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


def _mark(collection, ids: list) -> None:
    """A mark per document, counting the writes: inserted all at once where none waits (an upload's
    50,000 new results — one upsert each took 0.8 ms on FerretDB, 40 s for the file, against 17 times
    less in one insert), counted on by an upsert where one is already there."""
    marks = collection.database[MARKS]
    fresh = [{"_id": mark_id(collection.name, doc_id), "c": collection.name, "d": doc_id, "n": 1} for doc_id in ids]
    if not fresh:
        return
    try:
        marks.insert_many(fresh, ordered=False)
        return
    except BulkWriteError as exc:
        errors = exc.details.get("writeErrors", [])
        if any(e.get("code") != 11000 for e in errors):
            raise
        waiting = [fresh[e["index"]] for e in errors]
    marks.bulk_write([UpdateOne({"_id": mark["_id"]}, {"$set": {"c": mark["c"], "d": mark["d"]}, "$inc": {"n": 1}},
                                upsert=True) for mark in waiting], ordered=False)


def update_with_event(document_cls, query: dict, update: dict, event: dict) -> bool:
    """Apply a raw MongoDB ``update`` to the one document matching ``query`` and stage ``event``
    in the same write. Returns False (and stages nothing) when no document matched. ``query``
    names the document by ``_id``, with the fields it must still hold (``conditional_update``)."""
    update = {**update}
    update.setdefault("$push", {})["outbox"] = event
    update.setdefault("$inc", {})["outbox_pending"] = 1
    expected = dict(query)
    doc_id = expected.pop("_id")
    if update_if(document_cls._get_collection(), doc_id, expected, update):
        note_staged(document_cls, [doc_id])
        return True
    return False
