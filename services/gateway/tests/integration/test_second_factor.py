"""The TOTP second factor of province administrators, switched on by configuration."""
from __future__ import annotations

import re
import time
import uuid

import pyotp
import pytest

from .conftest import ADMIN_PASSWORD, make_gateway, sign_in

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def gateway_app(infra, tmp_path_factory):
    return make_gateway(infra, tmp_path_factory.mktemp("keys"), MFA_REQUIRED="true")


def _fresh_code(secret: str) -> str:
    """A code whose 30-second step is not the one just used (codes are single-use)."""
    totp = pyotp.TOTP(secret)
    used = totp.now()
    while totp.now() == used:
        time.sleep(1)
    return totp.now()


def test_admin_enrols_then_signs_in_with_a_single_use_code(client):
    before = sign_in(client)
    assert before.status_code == 401 and before.get_json()["error"]["code"] == "mfa_enrollment_required"
    wrong_password = client.post("/api/v1/auth/mfa/enrolment", json={"username": "admin", "password": "nope-nope"})
    assert wrong_password.status_code == 401
    enrolment = client.post("/api/v1/auth/mfa/enrolment", json={"username": "admin", "password": ADMIN_PASSWORD})
    assert enrolment.status_code == 200
    secret = enrolment.get_json()["secret"]
    assert enrolment.get_json()["otpauth_uri"].startswith("otpauth://totp/Cadre360:admin")

    assert sign_in(client).get_json()["error"]["code"] == "otp_required"
    wrong = sign_in(client, otp="000000" if pyotp.TOTP(secret).now() != "000000" else "111111")
    assert wrong.status_code == 401 and wrong.get_json()["error"]["code"] == "invalid_otp"
    code = pyotp.TOTP(secret).now()
    assert sign_in(client, otp=code).status_code == 200
    replay = sign_in(client, otp=code)
    assert replay.status_code == 401 and replay.get_json()["error"]["code"] == "invalid_otp"

    again = client.post("/api/v1/auth/mfa/enrolment", json={"username": "admin", "password": ADMIN_PASSWORD})
    assert again.status_code == 409
    assert sign_in(client, otp=_fresh_code(secret)).status_code == 200


def _admin_code(client) -> str:
    """The admin's current code, made usable again (the replay guard is tested above)."""
    from gateway.models import User

    admin = User.objects(username="admin").first()
    admin.update(set__totp_last_step=0)
    return pyotp.TOTP(admin.totp_secret).now()


def test_other_roles_are_not_asked_for_a_code(client):
    name = f"aud{uuid.uuid4().hex[:6]}"
    headers = {"Authorization": "Bearer " + sign_in(client, otp=_admin_code(client)).get_json()["access_token"]}
    client.post("/api/v1/users", headers=headers, json={"username": name, "password": "Kiểm-tra-2026",
                                                        "role": "auditor"})
    reply = sign_in(client, name, "Kiểm-tra-2026")
    assert reply.status_code == 200 and reply.get_json()["access_token"]


def test_web_sign_in_asks_for_the_code(client):
    page = client.get("/login")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    first = client.post("/login", data={"csrf_token": csrf, "username": "admin", "password": ADMIN_PASSWORD})
    html = first.get_data(as_text=True)
    assert first.status_code == 401 and 'id="f-otp"' in html and "Mã xác thực (OTP)" in html
    second = client.post("/login", data={"csrf_token": csrf, "username": "admin", "password": ADMIN_PASSWORD,
                                         "otp": _admin_code(client)})
    assert second.status_code == 302
    cookie = second.headers["Set-Cookie"]
    assert "c360_session=" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    home = client.get("/")  # the registry is down here: the page still answers, with blanks
    assert home.status_code == 200 and "Toàn tỉnh" in home.get_data(as_text=True)


def test_forms_without_the_csrf_token_are_refused(client):
    reply = client.post("/login", data={"username": "admin", "password": ADMIN_PASSWORD})
    assert reply.status_code == 400 and "biểu mẫu đã hết hạn" in reply.get_data(as_text=True)
