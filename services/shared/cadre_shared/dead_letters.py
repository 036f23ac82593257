"""Dead-letter topics (``<topic>.dlt``): what a consumer could not apply, kept with its origin.

A dead-lettered record keeps the original key and value, and headers saying where it came from
(origin topic, partition, offset), which consumer gave up on it, why, and — when the value was
an envelope — its event id and type, so an operator can list and re-deliver it by type, key or
time (``python -m cadre_shared.replay``)."""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timezone

from kafka import KafkaProducer
from kafka.errors import MessageSizeTooLargeError, RecordListTooLargeError

from .topics import dead_letter

log = logging.getLogger(__name__)
KEPT_WHEN_TOO_LARGE = 64 * 1024  # a value the broker refuses whole is kept truncated, with its size


@dataclass(frozen=True)
class DeadLetter:
    """One record of a dead-letter topic, as the replay command shows it."""
    dlt_topic: str
    partition: int
    offset: int
    timestamp: datetime
    key: str | None
    value: bytes | None
    headers: dict[str, str]

    @property
    def origin_topic(self) -> str:
        return self.headers.get("origin_topic") or self.dlt_topic.removesuffix(".dlt")

    @property
    def event_type(self) -> str | None:
        return self.headers.get("event_type") or None

    @property
    def event_id(self) -> str | None:
        return self.headers.get("event_id") or None


def describe(value: bytes | None) -> tuple[str, str]:
    """(event id, type) of an envelope, empty when the value is not one (or too deep to read)."""
    try:
        data = json.loads(value) if value else None
    except (ValueError, RecursionError, TypeError):
        return "", ""
    if not isinstance(data, dict):
        return "", ""
    return str(data.get("event_id") or ""), str(data.get("type") or "")


def origin_headers(record, consumer: str, error: str) -> list[tuple[str, bytes]]:
    event_id, event_type = describe(record.value)
    values = {"origin_topic": record.topic, "origin_partition": str(record.partition),
              "origin_offset": str(record.offset), "consumer": consumer, "error": error[:1000],
              "event_id": event_id, "event_type": event_type,
              "dead_lettered_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    return [(name, text.encode("utf-8", "replace")) for name, text in values.items()]


def send(producer: KafkaProducer, record, consumer: str, error: str) -> None:
    """Put ``record`` on its topic's dead-letter topic; waits for the broker's acknowledgement."""
    headers = origin_headers(record, consumer, error)
    topic = dead_letter(record.topic)
    try:
        producer.send(topic, key=record.key, value=record.value, headers=headers).get(timeout=30)
    except (MessageSizeTooLargeError, RecordListTooLargeError):
        size = len(record.value or b"")
        log.warning("dead letter of %s/%d@%d too large (%d bytes): kept truncated", record.topic,
                    record.partition, record.offset, size)
        producer.send(topic, key=record.key, value=(record.value or b"")[:KEPT_WHEN_TOO_LARGE],
                      headers=headers + [("truncated_from", str(size).encode())]).get(timeout=30)
