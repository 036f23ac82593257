"""Photos of counter staff: set and removed by HR of the cadre's unit, shown by that unit's kiosks."""
from __future__ import annotations

from datetime import datetime, timezone

from cadre_shared.auth import Principal, ensure_unit
from cadre_shared.errors import ApiError

from ..models import CadreCopy, StaffPhoto
from ..models.staff import PHOTO_TYPES
from .roster import counter_staff
from .upserts import upsert_fields

MAX_PHOTO_BYTES = 200 * 1024  # a kiosk shows a thumbnail; a camera original has no place here


def _cadre_of_unit_seen_by(principal: Principal, cadre_id: str) -> CadreCopy:
    cadre = CadreCopy.objects(id=cadre_id).first()
    if cadre is None:
        raise ApiError(404, "Không tìm thấy cán bộ / Cadre not found")
    ensure_unit(principal, cadre.unit_id)
    return cadre


def store_photo(principal: Principal, cadre_id: str, content_type: str, data: bytes) -> None:
    _cadre_of_unit_seen_by(principal, cadre_id)
    if content_type not in PHOTO_TYPES:
        raise ApiError(415, "Ảnh phải là JPEG, PNG hoặc WebP / photo must be JPEG, PNG or WebP")
    if not data or len(data) > MAX_PHOTO_BYTES:
        raise ApiError(422, fields={"photo": [f"Ảnh từ 1 byte đến {MAX_PHOTO_BYTES // 1024} KB / photo up to "
                                              f"{MAX_PHOTO_BYTES // 1024} KB"]})
    upsert_fields(StaffPhoto, cadre_id, content_type=content_type, data=data, updated_at=datetime.now(timezone.utc))


def remove_photo(principal: Principal, cadre_id: str) -> None:
    _cadre_of_unit_seen_by(principal, cadre_id)
    StaffPhoto.objects(id=cadre_id).delete()


def kiosk_photo(principal: Principal, cadre_id: str) -> StaffPhoto:
    """The photo of an official at this kiosk's counter; other units' staff are not found."""
    if cadre_id not in {c.id for c in counter_staff(principal.unit_id)}:
        raise ApiError(404)
    photo = StaffPhoto.objects(id=cadre_id).first()
    if photo is None:
        raise ApiError(404)
    return photo
