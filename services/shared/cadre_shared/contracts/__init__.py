"""Event contracts: one marshmallow schema per (event type, schema version), with examples.

A contract names its topic; the topic's key is the cadre id where a cadre is concerned,
else the id of the aggregate (unit, position). ``examples`` are validated by the tests.
A contract several services publish names a topic per producer: its topic is a template
(``"{producer}.notifications.v1"``) and ``producers`` lists who may publish it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from marshmallow import Schema, ValidationError


@dataclass(frozen=True)
class Contract:
    type: str
    version: int
    topic: str
    schema: type[Schema]
    examples: list[dict] = field(default_factory=list)
    producers: tuple[str, ...] = ()  # set when ``topic`` is a per-producer template

    def topics(self) -> list[str]:
        """Every topic this contract's events travel on."""
        if not self.producers:
            return [self.topic]
        return [self.topic.format(producer=p) for p in self.producers]


CONTRACTS: dict[tuple[str, int], Contract] = {}


def register(contract: Contract) -> Contract:
    CONTRACTS[(contract.type, contract.version)] = contract
    return contract


def contract_for(event_type: str, version: int) -> Contract:
    _load_all()
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
    _load_all()
    return list(CONTRACTS.values())


def _load_all() -> None:
    from . import evaluation, notifications, survey, training  # noqa: F401  (registration side effect)
