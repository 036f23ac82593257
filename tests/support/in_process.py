"""One service's app on the session's real store (a database of its own), called through Flask's
test client with tokens signed like the gateway's. No relay runs: the events a write stages stay
in the outbox of the document it changed, where a test reads them."""
from __future__ import annotations

import json
import uuid
from contextlib import contextmanager
from dataclasses import dataclass

from mongoengine import Document
from pymongo import MongoClient

from .tokens import GatewayTokens


@dataclass
class Caller:
    """Requests to the app by one account: ``caller.get(path)``, ``caller.post(path, json=…)``."""
    client: object
    headers: dict

    def _send(self, method: str, path: str, **kwargs):
        return getattr(self.client, method)(path, headers={**self.headers, **kwargs.pop("headers", {})}, **kwargs)

    def get(self, path: str, **kwargs):
        return self._send("get", path, **kwargs)

    def post(self, path: str, **kwargs):
        return self._send("post", path, **kwargs)

    def put(self, path: str, **kwargs):
        return self._send("put", path, **kwargs)

    def delete(self, path: str, **kwargs):
        return self._send("delete", path, **kwargs)


@dataclass
class InProcess:
    app: object
    client: object  # Flask's test client
    tokens: GatewayTokens
    db: object  # the service's database, read directly (pymongo)

    def headers(self, role: str = "province_admin", subject: str | None = None, **claims) -> dict:
        return self.tokens.headers(role, subject, **claims)

    def caller(self, role: str, subject: str | None = None, **claims) -> Caller:
        return Caller(self.client, self.headers(role, subject, **claims))

    def outbox(self, collection: str, key: str | None = None) -> list[dict]:
        """Events staged in the outbox of ``collection`` (of one document when ``key`` is given)."""
        query = {"_id": key} if key else {}
        return [json.loads(e) if isinstance(e, str) else e  # a carrier may keep its events as JSON text
                for doc in self.db[collection].find(query, {"outbox": 1}) for e in doc.get("outbox", [])]


def _detach_documents(cls=Document) -> None:
    """Make every document class fetch its collection again, from the app connected last.
    mongoengine keeps a class's collection once fetched and, on reconnecting, detaches only the
    classes its registry knows by name: survey and training each have a ``CadreCopy``, and the
    one imported last would hide the other, left on a closed connection."""
    for sub in cls.__subclasses__():
        if not sub._meta.get("abstract"):
            sub._disconnect()
        _detach_documents(sub)


def close_clients(app) -> None:
    """Closes the Kafka client an app opens once its /readyz is asked (and the gateway's audit
    verifier thread), so that no client thread is left logging after the test (its broker stops at the end of the session)."""
    app.extensions["c360_kafka_probe"].close()
    if "c360_audit_verifier" in app.extensions:  # the gateway's background audit-trail check
        app.extensions["c360_audit_verifier"].close()


@contextmanager
def in_process(create_app, infra, key_dir, name: str, **config):
    """``create_app`` on a fresh database ``<name>_<random>`` of ``infra``; its clients are closed on leaving."""
    tokens = GatewayTokens(key_dir)
    database = f"{name}_{uuid.uuid4().hex[:10]}"
    app = create_app({"MONGO_URI": infra.mongo_uri(database), "JWT_PUBLIC_KEY": tokens.public_key,
                      "KAFKA_BOOTSTRAP": infra.bootstrap, **config})
    _detach_documents()
    store = MongoClient(infra.mongo_uri(database), tz_aware=True)
    try:
        yield InProcess(app, app.test_client(), tokens, store[database])
    finally:
        store.close()
        close_clients(app)
