"""Token checks: signature, algorithm, audience, issuer and expiry are all enforced."""
import base64
import hashlib
import hmac
import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from cadre_shared.auth import Principal, decode_token, ensure_cadre_visible
from cadre_shared.errors import ApiError

AUD, ISS = "cadre360", "cadre360-gateway"


def _keys():
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
    public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                           serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    return private, public


def _claims(**over):
    now = int(time.time())
    claims = {"sub": "u1", "username": "hr", "role": "unit_hr", "unit_id": "A", "aud": AUD, "iss": ISS,
              "iat": now, "exp": now + 60, "typ": "access"}
    claims.update(over)
    return claims


def test_valid_token_gives_principal():
    private, public = _keys()
    p = decode_token(jwt.encode(_claims(), private, algorithm="EdDSA"), public, AUD, ISS)
    assert p == Principal(user_id="u1", username="hr", role="unit_hr", unit_id="A")
    assert p.can_see_unit("A") and not p.can_see_unit("B")


@pytest.mark.parametrize("over", [{"exp": int(time.time()) - 10}, {"aud": "other"}, {"iss": "evil"},
                                  {"role": "superuser"}, {"typ": "refresh"}])
def test_bad_claims_are_refused(over):
    private, public = _keys()
    with pytest.raises(ApiError) as err:
        decode_token(jwt.encode(_claims(**over), private, algorithm="EdDSA"), public, AUD, ISS)
    assert err.value.status == 401


def test_other_key_and_alg_none_are_refused():
    private, public = _keys()
    other_private, _ = _keys()
    with pytest.raises(ApiError):
        decode_token(jwt.encode(_claims(), other_private, algorithm="EdDSA"), public, AUD, ISS)
    header = base64.urlsafe_b64encode(json.dumps({"alg": "none", "typ": "JWT"}).encode()).rstrip(b"=")
    body = base64.urlsafe_b64encode(json.dumps(_claims()).encode()).rstrip(b"=")
    with pytest.raises(ApiError):
        decode_token((header + b"." + body + b".").decode(), public, AUD, ISS)
    hs_header = base64.urlsafe_b64encode(json.dumps({"alg": "HS256", "typ": "JWT"}).encode()).rstrip(b"=")
    signing_input = hs_header + b"." + body
    mac = base64.urlsafe_b64encode(hmac.new(public.encode(), signing_input, hashlib.sha256).digest()).rstrip(b"=")
    with pytest.raises(ApiError):  # HMAC "signed" with the public key as the secret
        decode_token((signing_input + b"." + mac).decode(), public, AUD, ISS)


@pytest.mark.parametrize("principal,cadre_id,unit_id,seen", [
    (Principal("u", "c", "cadre", unit_id="A", cadre_id="c-1"), "c-1", "B", True),   # themselves, wherever filed
    (Principal("u", "c", "cadre", unit_id="A", cadre_id="c-1"), "c-2", "A", False),  # a colleague of the same unit
    (Principal("u", "hr", "unit_hr", unit_id="A"), "c-2", "A", True),
    (Principal("u", "hr", "unit_hr", unit_id="A"), "c-3", "B", False),
    (Principal("u", "p", "province_admin"), "c-3", "B", True),
    (Principal("u", "a", "auditor"), "c-3", "B", True),
])
def test_a_cadre_sees_only_themselves_others_need_the_unit_in_scope(principal, cadre_id, unit_id, seen):
    if seen:
        ensure_cadre_visible(principal, cadre_id, unit_id)
        return
    with pytest.raises(ApiError) as refused:
        ensure_cadre_visible(principal, cadre_id, unit_id, "Không tìm thấy cán bộ / Cadre not found")
    assert refused.value.status == 404 and refused.value.message.startswith("Không tìm thấy cán bộ")
