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

from cadre_shared.auth import Principal, decode_token
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
