"""The signed receipt link (QR code on a citizen's receipt) a phone's answer comes with: this
service checks it itself (``cadre_shared.receipts``), never trusting the gateway alone. It
travels in the ``X-C360-Receipt`` header."""
from __future__ import annotations

from flask import current_app, request

from cadre_shared.auth import Principal, public_key_of
from cadre_shared.receipts import HEADER, decode_receipt, invalid_receipt


def receipt_of(principal: Principal) -> dict | None:
    """The verified receipt claims of a receipt-link caller; None for a kiosk device."""
    if principal.kiosk_id:
        return None
    token = request.headers.get(HEADER, "").strip()
    if not token:
        raise invalid_receipt()
    cfg = current_app.config
    claims = decode_receipt(token, public_key_of(current_app), cfg["JWT_AUDIENCE"], cfg["JWT_ISSUER"])
    if claims["unit_id"] != principal.unit_id:
        raise invalid_receipt()
    return claims
