"""The gateway starts even when the store does not answer at boot, and finishes its
first-start setup (audit tip, admin account) in the background once the store is back."""
from __future__ import annotations

import pytest
from pymongo.errors import ServerSelectionTimeoutError

from support.in_process import close_clients
from support.platform import eventually

from .conftest import make_gateway, sign_in

pytestmark = pytest.mark.integration


def test_store_down_at_boot_delays_setup_without_stopping_the_gateway(infra, tmp_path, monkeypatch):
    from gateway.handlers import audit_trail

    real_ensure_tip, failures = audit_trail.ensure_tip, []

    def store_down_twice(key):
        if len(failures) < 2:
            failures.append(1)
            raise ServerSelectionTimeoutError("127.0.0.1:27017: [Errno 111] Connection refused")
        real_ensure_tip(key)

    monkeypatch.setattr(audit_trail, "ensure_tip", store_down_twice)
    app = make_gateway(infra, tmp_path)  # before: the exception escaped and the worker failed to boot
    client = app.test_client()
    try:
        assert client.get("/healthz").status_code == 200
        pending = client.get("/readyz")
        assert pending.status_code == 503
        assert any("first-start setup" in reason for reason in pending.get_json()["reasons"])
        assert sign_in(client).status_code == 401, "no admin account before the setup ran"

        eventually(lambda: client.get("/readyz").status_code == 200, timeout=30, interval=0.5,
                   message="readiness once the setup has run")
        assert len(failures) == 2
        assert sign_in(client).status_code == 200
    finally:
        close_clients(app)
