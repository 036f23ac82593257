"""Kiosk administration, the same for the public API and the web UI: enrolment (the device token
is returned once), revocation and the list, each within the caller's unit scope — a province
administrator manages every unit's kiosks, a unit's HR only their own unit's."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import url_for

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError

from ..domain.kiosk_access import may_manage_kiosks_of, new_kiosk_token
from ..domain.tokens import secret_hash
from ..models.kiosk import Kiosk
from . import kiosk_devices
from .users import Lookup

OTHER_UNIT = "Chỉ quản lý ki-ốt của đơn vị mình / Only your own unit's kiosks"
UNKNOWN_UNIT = "Đơn vị không tồn tại / unknown unit"
REGISTRY_DOWN = "Không kiểm tra được danh mục đơn vị / Registry unavailable"


def enrol(principal: Principal, unit_id: str, name: str, lookup: Lookup) -> tuple[Kiosk, str]:
    """A new kiosk of ``unit_id`` and its device token (only its hash is kept)."""
    if not may_manage_kiosks_of(principal.role, principal.unit_id, unit_id):
        raise ApiError(403, OTHER_UNIT)
    status, unit = lookup(f"/api/v1/units/{unit_id}")
    if status == 404:
        raise ApiError(422, fields={"unit_id": [UNKNOWN_UNIT]})
    if status != 200 or not isinstance(unit, dict):
        raise ApiError(503, REGISTRY_DOWN, code="service_unavailable")
    token = new_kiosk_token()
    kiosk = Kiosk(unit_id=unit_id, unit_name=unit.get("name"), name=name, token_hash=secret_hash(token),
                  created_by=principal.username)
    kiosk.save(force_insert=True)
    return kiosk, token


def setup_url(token: str) -> str:
    """The link that sets a tablet up as this kiosk: the token travels in the fragment, which no
    server (nor its log) receives."""
    return url_for("kiosk_device.page", _external=True) + "#k=" + token


def revoke(principal: Principal, kiosk_id: str) -> Kiosk:
    """The kiosk's token stops working (at once on this worker, within seconds on the others)."""
    kiosk = Kiosk.objects(id=kiosk_id).first()
    if kiosk is None or not may_manage_kiosks_of(principal.role, principal.unit_id, kiosk.unit_id):
        raise ApiError(404)
    Kiosk.objects(id=kiosk.id, revoked_at=None).update_one(set__revoked_at=datetime.now(timezone.utc),
                                                            set__revoked_by=principal.username)
    kiosk_devices.forget(kiosk.token_hash)
    return Kiosk.objects(id=kiosk.id).first()


def kiosks_in_scope(principal: Principal, unit_id: str | None = None, include_revoked: bool = False) -> list[Kiosk]:
    """The kiosks the caller may see: a unit-scoped caller sees their unit's only (another unit's: 404)."""
    if unit_id and not principal.can_see_unit(unit_id):
        raise ApiError(404)
    found = Kiosk.objects.order_by("unit_id", "name")
    if not principal.is_province_wide:
        found = found.filter(unit_id=principal.unit_id)
    elif unit_id:
        found = found.filter(unit_id=unit_id)
    if not include_revoked:
        found = found.filter(revoked_at=None)
    return list(found)
