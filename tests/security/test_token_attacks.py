"""Missing, expired, tampered, unsigned and wrongly signed tokens are refused — by the gateway
and by every service on its own (services never trust the gateway alone)."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from pathlib import Path

import jwt
import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

pytestmark = pytest.mark.e2e


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _hmac_signed_with(public_key: str) -> str:
    """Algorithm confusion: HS256 keyed with the (public) verification key, built by hand."""
    signing_input = f'{_b64({"alg": "HS256", "typ": "JWT"})}.{_b64(_claims())}'
    digest = hmac.new(public_key.encode(), signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


@pytest.fixture(scope="module")
def keys(stack):
    private = Path(stack.base_env["C360_JWT_PRIVATE_KEY_FILE"]).read_text()
    public = Path(stack.base_env["C360_JWT_PUBLIC_KEY_FILE"]).read_text()
    return private, public


def _claims(**overrides) -> dict:
    now = int(time.time())
    claims = {"sub": "attacker", "username": "attacker", "role": "province_admin", "aud": "cadre360",
              "iss": "cadre360-gateway", "iat": now, "nbf": now, "exp": now + 600, "typ": "access"}
    claims.update(overrides)
    return claims


@pytest.fixture(scope="module")
def bad_tokens(stack, keys):
    private, public = keys
    real = stack.token()
    header, payload, signature = real.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    other_key = Ed25519PrivateKey.generate().private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                            serialization.NoEncryption())
    return {
        "garbage": "not-a-token",
        "expired": jwt.encode(_claims(iat=int(time.time()) - 7200, nbf=int(time.time()) - 7200,
                                      exp=int(time.time()) - 3600), private, algorithm="EdDSA"),
        "tampered": ".".join((header, _b64({**claims, "role": "auditor", "username": "someone"}), signature)),
        "alg_none": ".".join((_b64({"alg": "none", "typ": "JWT"}), _b64(_claims()), "")),
        "hs256_with_public_key": _hmac_signed_with(public),
        "other_key": jwt.encode(_claims(), other_key, algorithm="EdDSA"),
        "wrong_audience": jwt.encode(_claims(aud="someone-else"), private, algorithm="EdDSA"),
        "wrong_issuer": jwt.encode(_claims(iss="evil"), private, algorithm="EdDSA"),
        "refresh_as_access": jwt.encode(_claims(typ="refresh"), private, algorithm="EdDSA"),
        "unknown_role": jwt.encode(_claims(role="superuser"), private, algorithm="EdDSA"),
    }


TARGETS = [("gateway", "GET", "/api/v1/cadres"), ("gateway", "GET", "/api/v1/users"),
           ("gateway", "POST", "/api/v1/units"), ("gateway", "GET", "/api/v1/audit"),
           ("evaluation", "GET", "/api/v1/cadres"), ("evaluation", "POST", "/api/v1/units"),
           ("survey", "GET", "/api/v1/satisfaction"), ("training", "GET", "/api/v1/courses"),
           ("training", "POST", "/api/v1/training/uploads"), ("training", "GET", "/api/v1/training/compliance/units")]


@pytest.mark.parametrize("service,method,path", TARGETS)
def test_bad_and_missing_tokens_are_refused_everywhere(stack, bad_tokens, service, method, path):
    url = stack.url(service) + path
    body = {} if method == "POST" else None
    assert requests.request(method, url, json=body, timeout=30).status_code == 401
    for name, token in bad_tokens.items():
        reply = requests.request(method, url, json=body, headers={"Authorization": f"Bearer {token}"}, timeout=30)
        assert reply.status_code == 401, (name, reply.status_code, reply.text)
        assert reply.json()["error"]["code"] in ("invalid_token", "token_expired", "unauthorized", "token_revoked")


def test_a_validly_signed_token_without_an_open_session_is_refused_by_the_gateway(stack, keys):
    private, _public = keys
    forged = jwt.encode(_claims(), private, algorithm="EdDSA")  # as if the signing key leaked: no session
    reply = requests.get(stack.url() + "/api/v1/users", headers={"Authorization": f"Bearer {forged}"}, timeout=30)
    assert reply.status_code == 401 and reply.json()["error"]["code"] == "token_revoked"


def test_a_signed_out_token_no_longer_passes_the_gateway(stack):
    session = stack.session()
    assert session.get(stack.url() + "/api/v1/cadres", timeout=30).status_code == 200
    assert session.post(stack.url() + "/api/v1/auth/logout", json={}, timeout=30).status_code == 204
    assert session.get(stack.url() + "/api/v1/cadres", timeout=30).status_code == 401
