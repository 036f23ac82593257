"""The Kafka side of the event bus: one idempotent producer (acks=all) per process."""
from __future__ import annotations

import logging

from kafka import KafkaProducer

from .connections import kafka_options
from .contracts import topic_for
from .envelope import encode

log = logging.getLogger(__name__)


def make_producer(bootstrap: str, client_id: str) -> KafkaProducer:
    # kafka-python 3 defaults to enable_idempotence=True and acks='all'; stated
    # here so a reader does not have to know that.
    return KafkaProducer(
        bootstrap_servers=bootstrap.split(","),
        client_id=client_id,
        acks="all",
        enable_idempotence=True,
        linger_ms=5,
        request_timeout_ms=10000,
        delivery_timeout_ms=30000,
        max_block_ms=5000,
        reconnect_backoff_max_ms=2000,
        **kafka_options(),
    )


def headers_of(event: dict) -> list[tuple[str, bytes]]:
    return [("event_type", event["type"].encode()), ("schema_version", str(event["schema_version"]).encode()),
            ("event_id", str(event["event_id"]).encode())]


def send(producer: KafkaProducer, event: dict):
    """Queue one envelope on its contract's topic, keyed by its key; returns the future."""
    topic = topic_for(event["type"], event["schema_version"], event["producer"])
    return producer.send(topic, key=event["key"].encode("utf-8"), value=encode(event), headers=headers_of(event))
