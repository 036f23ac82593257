"""Verifying the signed receipt link (QR code on a citizen's receipt).

The gateway signs it (EdDSA, ``typ: receipt``) for one unit, official and dossier; this
service checks the signature itself with the gateway's public key, never trusting the
gateway alone. It travels in the ``X-C360-Receipt`` header.
"""
from __future__ import annotations

import jwt
from flask import current_app, request

from cadre_shared.auth import ALGORITHMS, Principal, public_key_of
from cadre_shared.errors import ApiError

HEADER = "X-C360-Receipt"
INVALID = "Liên kết đánh giá không hợp lệ hoặc đã hết hạn / Invalid or expired rating link"


def decode_receipt(token: str, public_key: str, audience: str, issuer: str) -> dict:
    try:
        claims = jwt.decode(token, public_key, algorithms=ALGORITHMS, audience=audience, issuer=issuer,
                            options={"require": ["exp", "iat", "aud", "iss"]})
    except jwt.PyJWTError:
        raise ApiError(401, INVALID, code="invalid_receipt") from None
    if claims.get("typ") != "receipt" or not all(claims.get(k) for k in ("unit_id", "cadre_id", "dossier_code")):
        raise ApiError(401, INVALID, code="invalid_receipt")
    return claims


def receipt_of(principal: Principal) -> dict | None:
    """The verified receipt claims of a receipt-link caller; None for a kiosk device."""
    if principal.kiosk_id:
        return None
    token = request.headers.get(HEADER, "").strip()
    if not token:
        raise ApiError(401, INVALID, code="invalid_receipt")
    cfg = current_app.config
    claims = decode_receipt(token, public_key_of(current_app), cfg["JWT_AUDIENCE"], cfg["JWT_ISSUER"])
    if claims["unit_id"] != principal.unit_id:
        raise ApiError(401, INVALID, code="invalid_receipt")
    return claims
