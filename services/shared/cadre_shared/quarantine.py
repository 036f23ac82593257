"""Events the outbox relay cannot publish, set aside so that the others flow on.

An event whose contract is unknown (type or version), whose envelope or payload fails its
contract, or which is larger than the broker accepts would fail the same way on every retry and,
left in place, stop every later event of its service. The relay moves it here instead — one
document per event in the service's own store (``outbox_quarantine``), keyed by event id, with
the reason, where it came from and when — and removes it from its outbox. Nothing is lost: an
operator lists quarantined events and, once the cause is fixed (a contract deployed, a payload
repaired), publishes them with ``python -m cadre_shared.replay <service> redeliver``; consumers
dedupe by event id, so publishing one twice has no second effect.

The document is written before the event leaves its outbox; a crash between the two writes
finds the event again on the next pass, and the second write of its quarantine document is a
no-op (same id)."""
from __future__ import annotations

import hashlib
import logging
from datetime import datetime, timezone

from kafka.errors import (InvalidRecordError, InvalidTimestampError, InvalidTopicError, MessageSizeTooLargeError,
                          RecordListTooLargeError)
from pymongo.errors import DuplicateKeyError

from .envelope import EnvelopeSchema, encode
from .metrics import QUARANTINE_SIZE, QUARANTINED

log = logging.getLogger(__name__)
COLLECTION = "outbox_quarantine"
# Errors the broker or the client give for this one event, whatever the time: retrying cannot help.
PERMANENT = (MessageSizeTooLargeError, RecordListTooLargeError, InvalidRecordError, InvalidTimestampError,
             InvalidTopicError)
MAX_EVENT_BYTES = 1_000_000  # the producer's max_request_size (1 MiB) less the record's overhead
_envelope = EnvelopeSchema()


def refusal(event: dict) -> str | None:
    """Why ``event`` can never be published as it is, or None when it can."""
    from .contracts import validate_payload

    try:
        _envelope.load({**event, "event_id": str(event.get("event_id"))})
        validate_payload(event["type"], event["schema_version"], event["payload"])
        size = len(encode(event))
    except Exception as exc:  # marshmallow's ValidationError, a missing key, a value JSON cannot hold
        return f"contract: {exc.__class__.__name__}: {str(exc)[:500]}"
    if size > MAX_EVENT_BYTES:
        return f"too large: {size} bytes (at most {MAX_EVENT_BYTES})"
    return None


def quarantine_id(event: dict) -> str:
    if event.get("event_id"):
        return str(event["event_id"])
    return "sha256:" + hashlib.sha256(encode(event)).hexdigest()


def set_aside(service: str, source, doc_id, event: dict, reason: str) -> None:
    """Keep ``event`` of document ``doc_id`` in collection ``source`` in quarantine; the caller
    then removes it from the document's outbox."""
    store = source.database[COLLECTION]
    try:
        store.insert_one({"_id": quarantine_id(event), "service": service, "collection": source.name,
                          "document_id": doc_id, "event": event, "event_type": str(event.get("type")),
                          "key": str(event.get("key")), "reason": reason,
                          "quarantined_at": datetime.now(timezone.utc)})
    except DuplicateKeyError:
        return  # set aside by an earlier pass that crashed before clearing the outbox
    QUARANTINED.labels(service).inc()
    QUARANTINE_SIZE.labels(service).set(store.estimated_document_count())
    log.error("outbox relay: event %s (%s) of %s %s quarantined: %s", event.get("event_id"), event.get("type"),
              source.name, doc_id, reason)


def measure(service: str, database) -> None:
    QUARANTINE_SIZE.labels(service).set(database[COLLECTION].estimated_document_count())
