"""Event contracts: one marshmallow schema per (event type, schema version), with examples.

A contract names its topic; the topic's key is the cadre id where a cadre is concerned,
else the id of the aggregate (unit, position). ``examples`` are validated by the tests.
A contract several services publish names a topic per producer: its topic is a template
(``"{producer}.notifications.v1"``) and ``producers`` lists who may publish it.
"""
from __future__ import annotations

from marshmallow import Schema, ValidationError

from . import evaluation, notifications, succession, survey, training  # noqa: F401  (each registers its contracts)
from .registry import CONTRACTS, Contract


def contract_for(event_type: str, version: int) -> Contract:
    try:
        return CONTRACTS[(event_type, version)]
    except KeyError:
        raise ValidationError({"type": [f"unknown event type/version {event_type} v{version}"]}) from None


_SCHEMAS: dict[tuple[str, int], Schema] = {}  # one instance per contract: building a schema costs more than loading


def validate_payload(event_type: str, version: int, payload: dict) -> dict:
    schema = _SCHEMAS.get((event_type, version))
    if schema is None:
        schema = _SCHEMAS[(event_type, version)] = contract_for(event_type, version).schema()
    return schema.load(payload)


def topic_for(event_type: str, version: int, producer: str | None = None) -> str:
    """The topic of an event; ``producer`` resolves a per-producer template (and must be one of
    the contract's producers, so an event never heads for a topic nobody created)."""
    contract = contract_for(event_type, version)
    if not contract.producers:
        return contract.topic
    if producer not in contract.producers:
        raise ValueError(f"{event_type} v{version} is published by {contract.producers}, not {producer!r}")
    return contract.topic.format(producer=producer)


def all_contracts() -> list[Contract]:
    return list(CONTRACTS.values())

