"""Citizen responses and what travels with them.

The store here scans a whole collection for any lookup other than an insert, so the big,
ever-growing collection (``responses``) is insert-only: its unique indexes (response id,
dossier) decide acceptance in one atomic write. What is updated or polled lives in small
collections: the publication outbox of each response (deleted once Kafka has the event),
the cases held as suspect, and each kiosk's recent answer times.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from mongoengine import (BooleanField, DateTimeField, DictField, Document, FloatField, IntField, ListField,
                         StringField)

from cadre_shared.outbox import DROP, PUBLISH, WAIT, OutboxDocument


class Response(Document):
    """One answer of a citizen about one served dossier — written once, never changed, except that its
    comment is removed when its retention period ends (handlers/retention.py)."""

    meta = {"collection": "responses", "indexes": [
        {"fields": ["dossier_key"], "unique": True},
        ("cadre_id", "quarter"), ("cadre_id", "month"), ("unit_id", "quarter"), ("unit_id", "month"),
        ("procedure_code", "quarter"),
    ]}
    id = StringField(primary_key=True)  # the client-made UUID
    content_hash = StringField(required=True)
    dossier_key = StringField(required=True)  # keyed hash; the dossier code itself is not kept
    unit_id = StringField(required=True)
    cadre_id = StringField(required=True)
    kiosk_id = StringField(null=True)  # None when sent from a receipt's QR link
    channel = StringField(required=True, choices=("kiosk", "receipt"))
    procedure_code = StringField(null=True)
    form_code = StringField(required=True)
    form_version = IntField(required=True)
    overall = StringField(required=True, choices=("very_satisfied", "satisfied", "dissatisfied"))
    indicators = DictField()
    comment = StringField(null=True)
    answered_at = DateTimeField(required=True)
    received_at = DateTimeField(required=True)
    quarter = StringField(required=True)
    month = StringField(required=True)
    suspect = BooleanField(required=True, default=False)
    suspect_reason = StringField(null=True)

    @property
    def status(self) -> str:
        return "suspect" if self.suspect else "counted"


class ResponseOutbox(OutboxDocument):
    """The ``response.recorded`` event of one response until Kafka has it: written once with
    its event, never updated, and deleted by the relay once Kafka acknowledged the event, so
    the relay only ever polls a small collection however many responses are stored.

    It is written *before* the response (two documents, no transaction): a crash between the
    two writes leaves an event without its response, never a response without its event. The
    relay publishes it only when the response with the same content is stored; one that finds
    no response after ``ORPHAN_AFTER`` (longer than any request can run), or another content
    under that id, announced an answer that was never accepted and is dropped."""

    meta = {"collection": "response_outbox"}
    id = StringField(primary_key=True)  # the response id
    content_hash = StringField(required=True)
    staged_at = DateTimeField(required=True)
    carrier_only = True
    ORPHAN_AFTER = timedelta(minutes=5)

    @classmethod
    def publish_verdict(cls, raw: dict) -> str:
        stored = Response._get_collection().find_one({"_id": raw["_id"]}, {"content_hash": 1})
        if stored is not None:
            return PUBLISH if stored.get("content_hash") == raw.get("content_hash") else DROP
        staged_at = raw.get("staged_at")
        if staged_at is not None and staged_at.tzinfo is None:
            staged_at = staged_at.replace(tzinfo=timezone.utc)
        young = staged_at is not None and datetime.now(timezone.utc) - staged_at < cls.ORPHAN_AFTER
        return WAIT if young else DROP

    @classmethod
    def drop_filter(cls, raw: dict) -> dict:
        return {"_id": raw["_id"], "staged_at": raw.get("staged_at")}  # not one a retry has just refreshed


class RepublishedAnswers(OutboxDocument):
    """Stored responses' ``response.recorded`` events published again after a restore from backup
    (``handlers.republish_answers``), many to a document: written once with its events and deleted
    by the relay once Kafka has them all, so the collection holds only the few batches still waiting."""

    meta = {"collection": "republished_answers"}
    id = StringField(primary_key=True)  # the run and the batch's number
    carrier_only = True


class SuspectCase(OutboxDocument):
    """A response held out of the figures until a person clears or rejects it (audited)."""

    meta = {"collection": "suspect_cases", "indexes": ["unit_id", "status"]}
    id = StringField(primary_key=True)  # the response id
    status = StringField(required=True, choices=("pending", "cleared", "rejected"), default="pending")
    reason = StringField(required=True)
    unit_id = StringField(required=True)
    cadre_id = StringField(required=True)
    kiosk_id = StringField(null=True)
    procedure_code = StringField(null=True)
    overall = StringField(required=True)
    indicators = DictField()
    comment = StringField(null=True)
    answered_at = DateTimeField(required=True)
    quarter = StringField(required=True)
    month = StringField(required=True)
    decided_by = StringField(null=True)
    decided_at = DateTimeField(null=True)
    note = StringField(null=True)


class KioskActivity(Document):
    """Times of a kiosk's latest answers, to spot bursts, and its requests counted per minute against
    its rate limit, both changed by one write per request (``handlers.kiosk_activity``)."""

    meta = {"collection": "kiosk_activity"}
    id = StringField(primary_key=True)  # the kiosk id
    recent = ListField(FloatField())
    minutes = DictField()  # "m<window start, epoch seconds>" → requests counted in that minute
