"""Which figures and responses a caller may read: a cadre only their own, others within their unit scope."""
from __future__ import annotations

from cadre_shared.auth import Principal, ensure_cadre_visible, ensure_unit
from cadre_shared.errors import ApiError

from ..models import CadreCopy

NO_CADRE = "Không tìm thấy cán bộ / Cadre not found"


def authorize_scope(principal: Principal, cadre_id: str | None, unit_id: str | None) -> str | None:
    """Check the caller may see this scope; returns the unit to restrict to (None: province-wide)."""
    if cadre_id:
        cadre = CadreCopy.objects(id=cadre_id).first()
        if cadre is None:
            raise ApiError(404, NO_CADRE)
        ensure_cadre_visible(principal, cadre_id, cadre.unit_id, NO_CADRE)
        return None
    if principal.role == "cadre":
        raise ApiError(403, code="forbidden")
    if unit_id:
        ensure_unit(principal, unit_id)
        return unit_id
    if not principal.is_province_wide:
        return principal.unit_id  # a unit's HR sees its own unit by default
    return None
