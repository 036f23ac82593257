"""Receipt links (liên kết đánh giá trên phiếu hẹn): a signed link printed as a QR code on a
dossier's receipt, with which a citizen rates from a phone the official who received the dossier."""
from __future__ import annotations

from datetime import datetime, timezone

import jwt
from flask import current_app, url_for

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError
from cadre_shared.receipts import decode_receipt

from ..auth.keys import private_key, public_key
from ..domain.kiosk_access import receipt_claims
from .users import Lookup

ONLY_YOURSELF = "Cán bộ chỉ tạo liên kết cho hồ sơ mình tiếp nhận / only for yourself"
UNKNOWN_CADRE = "Không có cán bộ này / unknown cadre"
OTHER_UNIT = "Cán bộ không thuộc đơn vị này / cadre not in this unit"
REGISTRY_DOWN = "Không kiểm tra được danh mục cán bộ / Registry unavailable"


def issue(principal: Principal, data: dict, lookup: Lookup) -> tuple[str, datetime]:
    """The link's token and when it expires; a cadre issues links for themselves only."""
    if principal.role == "cadre" and data["cadre_id"] != principal.cadre_id:
        raise ApiError(403, ONLY_YOURSELF)
    status, cadre = lookup(f"/api/v1/cadres/{data['cadre_id']}")
    if status == 404:
        raise ApiError(422, fields={"cadre_id": [UNKNOWN_CADRE]})
    if status != 200 or not isinstance(cadre, dict):
        raise ApiError(503, REGISTRY_DOWN, code="service_unavailable")
    unit_id = data["unit_id"] or cadre.get("unit_id")
    if unit_id != cadre.get("unit_id"):
        raise ApiError(422, fields={"unit_id": [OTHER_UNIT]})
    cfg = current_app.config
    claims = receipt_claims(unit_id=unit_id, cadre_id=data["cadre_id"], dossier_code=data["dossier_code"],
                            procedure_code=data["procedure_code"], audience=cfg["JWT_AUDIENCE"],
                            issuer=cfg["JWT_ISSUER"])
    token = jwt.encode(claims, private_key(cfg), algorithm="EdDSA")
    return token, datetime.fromtimestamp(claims["exp"], timezone.utc)


def link_for(token: str) -> str:
    """The address printed as the QR code. The token travels in the fragment, which browsers never send:
    it stays out of every access log and Referer; the page posts it in a header (kiosk.js)."""
    return url_for("kiosk_device.page", _external=True) + "#r=" + token


def verify(token: str) -> dict:
    """The claims of a genuine, unexpired receipt link; 401 otherwise (cadre_shared.receipts)."""
    cfg = current_app.config
    return decode_receipt(token, public_key(cfg), cfg["JWT_AUDIENCE"], cfg["JWT_ISSUER"])
