"""The survey app on the session's real FerretDB (one database per test module), called through
Flask's test client with tokens signed like the gateway's; the registry reaches it as evaluation's
events handed to its own consumers."""
from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest

from support.in_process import InProcess, in_process
from support.registry_feed import RegistryFeed
from survey import create_app
from survey.consumers import CONSUMERS


@dataclass
class Survey:
    service: InProcess
    registry: RegistryFeed

    @property
    def client(self):
        return self.service.client

    @property
    def tokens(self):
        return self.service.tokens

    @property
    def db(self):
        return self.service.db

    def add_unit(self, name: str) -> str:
        return self.registry.unit(name)

    def add_cadre(self, unit_id: str, full_name: str, status: str = "active") -> str:
        return self.registry.cadre(unit_id, full_name, status=status)

    def move_cadre(self, cadre_id: str, unit_id: str) -> None:
        self.registry.move_cadre(cadre_id, unit_id)

    def deliver_answers(self) -> None:
        """The staged ``response.recorded`` events handed to the survey's own ``answer-lists`` consumer,
        as Kafka would deliver them (HR's lists of answers are kept from them): every one staged so far
        (no relay runs here, so the carriers stay; filing again changes nothing)."""
        events = [e for e in self.service.outbox("response_outbox") if e["type"] == "response.recorded"]
        CONSUMERS["answer-lists"].batch_handler(events)

    def answer(self, headers: dict, **fields):
        body = {"response_id": str(uuid.uuid4()), "dossier_code": f"HS-{uuid.uuid4().hex[:10]}",
                "overall": "satisfied", **fields}
        return self.client.post("/api/v1/kiosk/responses", json=body, headers=headers), body


@pytest.fixture(scope="module")
def survey(infra, tmp_path_factory):
    with in_process(create_app, infra, tmp_path_factory.mktemp("keys"), "survey") as service:
        yield Survey(service, RegistryFeed(CONSUMERS))
