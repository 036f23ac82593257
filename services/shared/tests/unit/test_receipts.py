"""The receipt link the gateway signs and both the gateway and the survey service check."""
import time

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from cadre_shared.errors import ApiError
from cadre_shared.receipts import decode_receipt

AUD, ISS = "cadre360", "cadre360-gateway"
KEY = Ed25519PrivateKey.generate()
PRIVATE = KEY.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
PUBLIC = KEY.public_key().public_bytes(serialization.Encoding.PEM,
                                       serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def _receipt(drop=(), **over) -> str:
    now = int(time.time())
    claims = {"typ": "receipt", "sub": "receipt:1", "aud": AUD, "iss": ISS, "iat": now, "exp": now + 60,
              "unit_id": "u-1", "cadre_id": "c-1", "dossier_code": "HS-001", **over}
    return jwt.encode({k: v for k, v in claims.items() if k not in drop}, PRIVATE, algorithm="EdDSA")


def test_a_valid_receipt_gives_its_claims():
    claims = decode_receipt(_receipt(), PUBLIC, AUD, ISS)
    assert (claims["unit_id"], claims["cadre_id"], claims["dossier_code"]) == ("u-1", "c-1", "HS-001")


@pytest.mark.parametrize("token", [
    _receipt(typ="access"), _receipt(drop=("dossier_code",)), _receipt(drop=("cadre_id",)), _receipt(unit_id=""),
    _receipt(drop=("sub",)), _receipt(exp=int(time.time()) - 1), _receipt(aud="elsewhere"), "not-a-token",
])
def test_anything_else_is_an_invalid_receipt(token):
    with pytest.raises(ApiError) as refused:
        decode_receipt(token, PUBLIC, AUD, ISS)
    assert (refused.value.status, refused.value.code) == (401, "invalid_receipt")


def test_a_receipt_signed_with_another_key_is_refused():
    other = Ed25519PrivateKey.generate().private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                       serialization.NoEncryption()).decode()
    now = int(time.time())
    forged = jwt.encode({"typ": "receipt", "sub": "r", "aud": AUD, "iss": ISS, "iat": now, "exp": now + 60,
                         "unit_id": "u-1", "cadre_id": "c-1", "dossier_code": "HS-001"}, other, algorithm="EdDSA")
    with pytest.raises(ApiError):
        decode_receipt(forged, PUBLIC, AUD, ISS)
