"""The signed receipt link (QR code on a citizen's receipt): the gateway signs it (EdDSA,
``typ: receipt``) for one unit, official and dossier; the gateway and the survey service both
check it with the gateway's public key, the same way, here."""
from __future__ import annotations

import jwt

from .auth import ALGORITHMS
from .errors import ApiError

RECEIPT_TYPE = "receipt"
HEADER = "X-C360-Receipt"
REQUIRED_CLAIMS = ("unit_id", "cadre_id", "dossier_code")
INVALID = "Liên kết đánh giá không hợp lệ hoặc đã hết hạn / Invalid or expired rating link"


def invalid_receipt() -> ApiError:
    return ApiError(401, INVALID, code="invalid_receipt")


def decode_receipt(token: str, public_key: str, audience: str, issuer: str) -> dict:
    """The claims of a valid, unexpired receipt link for one unit, official and dossier; else a 401."""
    try:
        claims = jwt.decode(token, public_key, algorithms=ALGORITHMS, audience=audience, issuer=issuer,
                            options={"require": ["exp", "iat", "aud", "iss", "sub"]})
    except jwt.PyJWTError:
        raise invalid_receipt() from None
    if claims.get("typ") != RECEIPT_TYPE or not all(claims.get(name) for name in REQUIRED_CLAIMS):
        raise invalid_receipt()
    return claims
