"""The table of event contracts, which each topic family's module fills as it is imported."""
from __future__ import annotations

from dataclasses import dataclass, field

from marshmallow import Schema


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
