"""An in-process gateway on the session's real store (FerretDB), its own database per module."""
from __future__ import annotations

import uuid

import pytest

from cadre_shared.auth import generate_keypair

ADMIN_PASSWORD = "Quản-trị-2026!"
_MADE = []  # every gateway app of the session, so that each background thread is stopped in teardown


def make_gateway(infra, key_dir, **overrides):
    """A gateway app on a database of its own; by default no service runs behind it, so calls to
    them fail fast and clearly."""
    from gateway import create_app

    private, public = generate_keypair(key_dir)
    app = create_app({
        "MONGO_URI": infra.mongo_uri(f"gw_it_{uuid.uuid4().hex[:8]}"),
        "JWT_PRIVATE_KEY_FILE": str(private), "JWT_PUBLIC_KEY_FILE": str(public),
        "ADMIN_PASSWORD": ADMIN_PASSWORD, "KAFKA_BOOTSTRAP": infra.bootstrap,
        "EVALUATION_URL": "http://127.0.0.1:9", "SURVEY_URL": "http://127.0.0.1:9", "TRAINING_URL": "http://127.0.0.1:9",
        "SIGNIN_PAIR_FREE_FAILURES": 5, "SIGNIN_IP_LIMIT": 12, "SIGNIN_WINDOW_SECONDS": 900, "TESTING": True,
        **overrides,
    })
    _MADE.append(app)
    return app


@pytest.fixture(scope="module", autouse=True)
def _stop_gateway_threads(infra):
    """At the end of each module, the audit-trail verifier of every gateway the module made ends (and is
    waited for) while its store is still there: left running, it met the later modules' reconnections
    (an AttributeError in its thread during the training tests) and logged after pytest closed its streams."""
    yield
    while _MADE:
        _MADE.pop().extensions["c360_audit_verifier"].close()


@pytest.fixture(scope="module")
def gateway_app(infra, tmp_path_factory):
    app = make_gateway(infra, tmp_path_factory.mktemp("keys"))
    yield app


@pytest.fixture
def client(gateway_app):
    return gateway_app.test_client()


def sign_in(client, username="admin", password=ADMIN_PASSWORD, ip="10.1.0.1", **extra):
    return client.post("/api/v1/auth/token", json={"username": username, "password": password, **extra},
                       environ_base={"REMOTE_ADDR": ip})


def bearer(client, username="admin", password=ADMIN_PASSWORD, ip="10.1.0.1") -> dict:
    reply = sign_in(client, username, password, ip)
    assert reply.status_code == 200, reply.get_json()
    return {"Authorization": "Bearer " + reply.get_json()["access_token"]}
