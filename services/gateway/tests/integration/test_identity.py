"""Sign-in, refresh, sign-out, throttling and accounts, against the real store."""
from __future__ import annotations

import uuid

import pytest

from gateway.models import SignInCounter, User

from .conftest import ADMIN_PASSWORD, bearer, sign_in

pytestmark = pytest.mark.integration


def _username(prefix="u") -> str:
    return f"{prefix}{uuid.uuid4().hex[:8]}"


def test_admin_signs_in_with_the_configured_password(client):
    reply = sign_in(client)
    body = reply.get_json()
    assert reply.status_code == 200
    assert body["token_type"] == "Bearer" and body["expires_in"] == 900
    assert body["access_token"].count(".") == 2 and body["refresh_token"]


def test_wrong_password_and_unknown_user_get_the_same_401(client):
    wrong = sign_in(client, password="not-the-password", ip="10.2.0.1")
    unknown = sign_in(client, username="nobody-here", password="whatever1", ip="10.2.0.1")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.get_json()["error"]["message"] == unknown.get_json()["error"]["message"]
    assert "Sai tên đăng nhập hoặc mật khẩu" in wrong.get_json()["error"]["message"]


def test_operator_payloads_in_the_body_are_422_not_a_query(client):
    reply = client.post("/api/v1/auth/token", json={"username": {"$gt": ""}, "password": {"$ne": None}})
    assert reply.status_code == 422
    assert set(reply.get_json()["error"]["fields"]) == {"username", "password"}


def _user(client, prefix: str, password: str = "Đúng-2026-abc") -> str:
    name = _username(prefix)
    created = client.post("/api/v1/users", headers=bearer(client), json={"username": name, "password": password,
                                                                          "role": "auditor"})
    assert created.status_code == 201
    return name


def test_an_attackers_address_is_locked_out_while_the_owner_signs_in_from_another(client):
    name = _user(client, "victim")
    for _attempt in range(5):
        assert sign_in(client, name, "sai-mat-khau", ip="10.3.0.66").status_code == 401
    blocked = sign_in(client, name, "Đúng-2026-abc", ip="10.3.0.66")  # even the right password waits
    assert blocked.status_code == 429
    assert 0 < int(blocked.headers["Retry-After"]) <= 30
    assert sign_in(client, name, "Đúng-2026-abc", ip="10.3.0.7").status_code == 200


def test_nobody_can_lock_the_administrator_out_from_elsewhere(client):
    for attempt in range(40):  # many addresses, a few guesses each: no lock on the username itself
        assert sign_in(client, "admin", "sai-mat-khau", ip=f"10.5.{attempt // 4}.{attempt}").status_code == 401
    assert sign_in(client, "admin", ip="10.5.99.1").status_code == 200


def _wait_out(name: str, ip: str) -> None:
    """The pair's current wait is over (as if its time had passed), its failures still counted."""
    SignInCounter.objects(id=f"pair:{ip}|{name}").update_one(set__blocked_until=None)


def test_each_further_failure_from_the_same_address_doubles_the_wait(client):
    name, ip = _user(client, "slow"), "10.6.0.1"
    for _attempt in range(5):
        sign_in(client, name, "sai-mat-khau", ip=ip)
    waits = []
    for _round in range(3):
        waits.append(int(sign_in(client, name, "sai-mat-khau", ip=ip).headers["Retry-After"]))
        _wait_out(name, ip)
        assert sign_in(client, name, "sai-mat-khau", ip=ip).status_code == 401  # checked again, counted again
    waits.append(int(sign_in(client, name, "sai-mat-khau", ip=ip).headers["Retry-After"]))
    assert waits[0] <= 30 and waits[1] > 30 and waits[2] > 60 and waits[3] > 120
    _wait_out(name, ip)
    assert sign_in(client, name, "Đúng-2026-abc", ip=ip).status_code == 200  # success forgets the failures
    assert SignInCounter.objects(id=f"pair:{ip}|{name}").first() is None


def test_one_address_guessing_many_usernames_is_throttled(client):
    for attempt in range(12):
        assert sign_in(client, _username("spray"), "whatever1", ip="10.4.0.1").status_code == 401
    assert sign_in(client, password=ADMIN_PASSWORD, ip="10.4.0.1").status_code == 429
    assert sign_in(client, password=ADMIN_PASSWORD, ip="10.4.0.2").status_code == 200


def test_refresh_rotates_and_a_reused_refresh_token_closes_the_session(client):
    first = sign_in(client).get_json()
    second = client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert second.status_code == 200
    new = second.get_json()
    assert new["refresh_token"] != first["refresh_token"]
    replay = client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert replay.status_code == 401
    # the theft signal closed the session: the newest tokens stop working too
    assert client.post("/api/v1/auth/refresh", json={"refresh_token": new["refresh_token"]}).status_code == 401
    assert client.get("/api/v1/auth/me", headers={"Authorization": "Bearer " + new["access_token"]}).status_code == 401


def test_sign_out_stops_the_access_token_at_the_gateway(client):
    headers = bearer(client)
    assert client.get("/api/v1/auth/me", headers=headers).get_json()["username"] == "admin"
    assert client.post("/api/v1/auth/logout", headers=headers, json={}).status_code == 204
    after = client.get("/api/v1/users", headers=headers)
    assert after.status_code == 401 and after.get_json()["error"]["code"] == "token_revoked"


def test_create_user_rules(client):
    admin = bearer(client)
    name = _username("aud")
    created = client.post("/api/v1/users", headers=admin, json={"username": name.upper(), "password": "Kiểm-tra-2026",
                                                                "role": "auditor"})
    assert created.status_code == 201
    body = created.get_json()
    assert body["username"] == name and body["role"] == "auditor" and "password_hash" not in body
    duplicate = client.post("/api/v1/users", headers=admin, json={"username": name, "password": "Kiểm-tra-2026",
                                                                  "role": "auditor"})
    assert duplicate.status_code == 409
    weak = client.post("/api/v1/users", headers=admin, json={"username": _username(), "password": "12345678",
                                                             "role": "auditor"})
    assert weak.status_code == 422 and "password" in weak.get_json()["error"]["fields"]
    unscoped = client.post("/api/v1/users", headers=admin, json={"username": _username(), "password": "Kiểm-tra-2026",
                                                                 "role": "unit_hr"})
    assert unscoped.status_code == 422 and "unit_id" in unscoped.get_json()["error"]["fields"]
    kiosk_role = client.post("/api/v1/users", headers=admin, json={"username": _username(), "password": "Kiểm-tra-2026",
                                                                   "role": "kiosk"})
    assert kiosk_role.status_code == 422


def test_unit_check_needs_the_registry_and_says_so_when_it_is_down(client):
    reply = client.post("/api/v1/users", headers=bearer(client),
                        json={"username": _username("hr"), "password": "Kiểm-tra-2026", "role": "unit_hr",
                              "unit_id": "unit-a"})
    assert reply.status_code == 503
    assert "không sẵn sàng" in reply.get_json()["error"]["message"]


def test_only_province_admins_manage_users(client):
    name = _username("aud")
    client.post("/api/v1/users", headers=bearer(client), json={"username": name, "password": "Kiểm-tra-2026",
                                                               "role": "auditor"})
    auditor = bearer(client, name, "Kiểm-tra-2026")
    assert client.get("/api/v1/users", headers=auditor).status_code == 403
    assert client.post("/api/v1/users", headers=auditor, json={}).status_code == 403


def test_disabling_a_user_ends_their_sessions(client):
    admin = bearer(client)
    name = _username("aud")
    user_id = client.post("/api/v1/users", headers=admin, json={"username": name, "password": "Kiểm-tra-2026",
                                                                "role": "auditor"}).get_json()["id"]
    auditor = bearer(client, name, "Kiểm-tra-2026")
    assert client.get("/api/v1/audit", headers=auditor).status_code == 200
    assert client.patch(f"/api/v1/users/{user_id}", headers=admin, json={"active": False}).status_code == 200
    assert client.get("/api/v1/audit", headers=auditor).status_code == 401
    assert sign_in(client, name, "Kiểm-tra-2026").status_code == 401
    assert not User.objects(id=user_id).first().active
