"""No password or token ends up in the gateway's logs or in the audit trail."""
from __future__ import annotations

import pytest
import requests

from support.world import USER_PASSWORD

pytestmark = pytest.mark.e2e


def test_passwords_and_tokens_are_neither_logged_nor_audited(stack, registry):
    typo = "Sai-mật-khẩu-" + "7391"
    refused = requests.post(stack.url() + "/api/v1/auth/token", json={"username": "admin", "password": typo},
                            timeout=30)
    assert refused.status_code == 401, "the mistyped password is refused (and so reaches the sign-in audit)"
    name = registry.user("auditor")
    tokens = requests.post(stack.url() + "/api/v1/auth/token", json={"username": name, "password": USER_PASSWORD},
                           timeout=30).json()
    trail = registry.admin.get(stack.url() + "/api/v1/audit", params={"per_page": 500}, timeout=30).text
    log = (stack.infra.logs / "gateway.log").read_text(errors="replace")
    for secret in (typo, USER_PASSWORD, stack.admin_password, tokens["access_token"], tokens["refresh_token"],
                   tokens["refresh_token"].split(".", 1)[1]):
        assert secret not in trail
        assert secret not in log
    assert "auth.sign_in" in log  # the log does carry the audit anchors
