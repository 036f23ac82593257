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

The relay that publishes them is ``relay.OutboxRelay``.
"""
from __future__ import annotations

import logging

from mongoengine import Document, DictField, IntField, ListField
from pymongo.errors import DuplicateKeyError, PyMongoError

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
