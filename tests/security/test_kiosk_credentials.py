"""A kiosk's credential submits responses for its own unit — and can do nothing else."""
from __future__ import annotations

import re
import time
import uuid
from pathlib import Path

import jwt
import pytest

from security.allow_list import ALLOW, PATH_VALUES, UNKNOWN_ID

pytestmark = pytest.mark.e2e
PARAM = re.compile(r"{(\w+)}")


@pytest.fixture(scope="module")
def kiosk(stack, world):
    reply = stack.session().post(stack.url() + "/api/v1/kiosks", json={"unit_id": world["unit_a"]["id"],
                                                                        "name": "Quầy một cửa số 1"}, timeout=30)
    assert reply.status_code == 201, reply.text
    return reply.json()


def test_kiosk_token_is_refused_by_every_other_endpoint(stack, kiosk):
    headers = {"Authorization": f"Bearer {kiosk['token']}"}
    wrong = []
    for operation in sorted(ALLOW):
        method, template = operation.split(" ", 1)
        if template.startswith("/api/v1/kiosk/") or template.startswith("/api/v1/auth/token") \
                or template.startswith("/api/v1/auth/refresh") or template.startswith("/api/v1/auth/mfa"):
            continue
        path = PARAM.sub(lambda m: PATH_VALUES.get(m.group(1), UNKNOWN_ID), template)
        status = stack.session().request(method, stack.url() + path, headers=headers,
                                         json=None if method in ("GET", "DELETE") else {}, timeout=30).status_code
        if status not in (401, 403):
            wrong.append(f"{operation}: {status}")
    assert wrong == []


def test_kiosk_submits_for_its_own_unit_only(stack, world, kiosk):
    headers = {"Authorization": f"Bearer {kiosk['token']}"}

    def submit(cadre_id):
        return stack.session().post(stack.url() + "/api/v1/kiosk/responses", headers=headers, timeout=30, json={
            "response_id": str(uuid.uuid4()), "dossier_code": f"HS-{uuid.uuid4().hex[:8]}", "cadre_id": cadre_id,
            "overall": "satisfied"})

    # The survey service learns of new cadres from events: wait until it knows ours.
    deadline = time.monotonic() + 60
    own = submit(world["cadre_a"]["id"])
    while own.status_code == 422 and time.monotonic() < deadline:
        time.sleep(1)
        own = submit(world["cadre_a"]["id"])
    assert own.status_code == 201, own.text
    other = submit(world["cadre_b"]["id"])
    assert other.status_code == 422 and "cadre_id" in other.json()["error"]["fields"]


def test_a_kiosk_role_jwt_presented_from_outside_is_refused(stack, world):
    private = Path(stack.base_env["C360_JWT_PRIVATE_KEY_FILE"]).read_text()
    now = int(time.time())
    token = jwt.encode({"sub": "kiosk:x", "username": "kiosk", "role": "kiosk", "aud": "cadre360",
                        "iss": "cadre360-gateway", "iat": now, "exp": now + 60, "typ": "access",
                        "unit_id": world["unit_a"]["id"], "kiosk_id": "x"}, private, algorithm="EdDSA")
    headers = {"Authorization": f"Bearer {token}"}
    assert stack.session().get(stack.url() + "/api/v1/cadres", headers=headers, timeout=30).status_code == 401
    # …and a service reached directly refuses the kiosk role for anything but its own endpoints
    assert stack.session().get(stack.url("evaluation") + "/api/v1/cadres", headers=headers,
                               timeout=30).status_code == 403
