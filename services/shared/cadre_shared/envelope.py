"""The versioned event envelope every Cadre360 event travels in (PRODUCT.md §4)."""
from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone

from marshmallow import RAISE, Schema, fields, validate

from .request_context import current_request_id


class EnvelopeSchema(Schema):
    class Meta:
        unknown = RAISE

    event_id = fields.UUID(required=True)
    type = fields.String(required=True, validate=validate.Length(min=1, max=100))
    schema_version = fields.Integer(required=True, validate=validate.Range(min=1))
    occurred_at = fields.AwareDateTime(required=True, default_timezone=timezone.utc)
    producer = fields.String(required=True, validate=validate.Length(min=1, max=50))
    correlation_id = fields.String(required=True, allow_none=True)
    key = fields.String(required=True, validate=validate.Length(min=1, max=200))
    payload = fields.Dict(required=True)


_envelope = EnvelopeSchema()


def make_event(event_type: str, version: int, key: str, payload: dict, producer: str,
               correlation_id: str | None = None) -> dict:
    """A new envelope as a plain JSON-ready dict, validated against its contract."""
    from .contracts import validate_payload

    event = {
        "event_id": str(uuid.uuid4()),
        "type": event_type,
        "schema_version": version,
        "occurred_at": datetime.now(timezone.utc).isoformat(timespec="microseconds"),
        "producer": producer,
        "correlation_id": correlation_id or current_request_id(),
        "key": str(key),
        "payload": payload,
    }
    validate_payload(event_type, version, payload)
    return event


def make_events(event_type: str, version: int, keyed_payloads: list[tuple[str, dict]], producer: str,
                correlation_id: str | None = None) -> list[dict]:
    """Many envelopes of one type whose payloads one typed builder made (an upload's results): the
    first payload is validated against its contract, the others not one by one — marshmallow took
    longer than storing them for 50,000 (issue 22, P5); the relay checks every event again before
    publishing it and sets aside any that fails (``quarantine``), so none reaches Kafka unchecked."""
    from .contracts import validate_payload

    if not keyed_payloads:
        return []
    validate_payload(event_type, version, keyed_payloads[0][1])
    occurred = datetime.now(timezone.utc).isoformat(timespec="microseconds")
    correlation = correlation_id or current_request_id()
    return [{"event_id": str(uuid.uuid4()), "type": event_type, "schema_version": version, "occurred_at": occurred,
             "producer": producer, "correlation_id": correlation, "key": str(key), "payload": payload}
            for key, payload in keyed_payloads]


def encode(event: dict) -> bytes:
    return json.dumps(event, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


def decode(raw: bytes) -> dict:
    """Parse and validate an envelope and its payload; raises ValueError or ValidationError."""
    from .contracts import validate_payload

    data = json.loads(raw.decode("utf-8"))
    if not isinstance(data, dict):
        raise ValueError("envelope is not a JSON object")
    _envelope.load(data)
    validate_payload(data["type"], data["schema_version"], data["payload"])
    return data
