"""The training app on the session's real FerretDB (one database per test module), called through
Flask's test client with tokens signed like the gateway's; the registry (units, positions, cadres)
reaches it as evaluation's events handed to its own consumers."""
from __future__ import annotations

import io
from dataclasses import dataclass

import pytest

from support.in_process import InProcess, in_process
from support.registry_feed import RegistryFeed
from training import create_app
from training.consumers import CONSUMERS


@dataclass
class Training:
    service: InProcess
    registry: RegistryFeed

    def upload(self, caller, name: str, content: bytes, mimetype: str = "text/csv", deliver: bool = True):
        """The upload, then (``deliver``) its result events handed to the service's own consumers as
        the relay and Kafka would, so the results documents and compliance follow."""
        res = caller.post("/api/v1/training/uploads", data={"file": (io.BytesIO(content), name, mimetype)},
                          content_type="multipart/form-data")
        if deliver:
            self.deliver_results()
        return res

    def deliver_results(self) -> int:
        """Every staged ``result.recorded`` event (in the uploads' carriers; none is ever published here) to the result-index
        consumer, oldest first; a repeat changes nothing."""
        events = sorted(self.service.outbox("result_events"), key=lambda e: e["occurred_at"])
        for start in range(0, len(events), 500):  # in runs, as the consumer takes a poll's records
            CONSUMERS["result-index"].batch_handler(events[start:start + 500])
        return len(events)


@pytest.fixture(scope="module")
def training(infra, tmp_path_factory):
    with in_process(create_app, infra, tmp_path_factory.mktemp("keys"), "training") as service:
        yield Training(service, RegistryFeed(CONSUMERS))
