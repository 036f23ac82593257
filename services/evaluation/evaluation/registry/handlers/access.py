"""Who may see and change what, applied to stored documents (rules in domain.dossier)."""
from __future__ import annotations

from cadre_shared.auth import Principal, ensure_cadre_visible, ensure_unit
from cadre_shared.errors import ApiError

from ..domain.dossier import may_manage, may_see_sensitive
from ..models import Cadre, Unit


def visible_cadre(principal: Principal, cadre_id: str, not_found: str | None = None) -> Cadre:
    """The cadre, when the caller may see it; otherwise 404 (its existence is not revealed)."""
    cadre = Cadre.objects(id=cadre_id).first()
    if cadre is None:
        raise ApiError(404, not_found)
    ensure_cadre_visible(principal, cadre_id, cadre.unit_id, not_found)
    return cadre


def managed_cadre(principal: Principal, cadre_id: str) -> Cadre:
    """The cadre, when the caller may change its dossier (404 unseen, 403 seen but not theirs to change)."""
    cadre = visible_cadre(principal, cadre_id)
    if not may_manage(principal.role, principal.unit_id, cadre.unit_id):
        raise ApiError(403, code="forbidden")
    return cadre


def sees_sensitive(principal: Principal, cadre: Cadre) -> bool:
    return may_see_sensitive(principal.role, principal.unit_id, principal.cadre_id, cadre.unit_id, cadre.id)


def existing_unit(principal: Principal, unit_id: str, field: str = "unit_id") -> Unit:
    """A unit the caller may act in; unknown is a 422 on ``field``, another unit's a 404."""
    ensure_unit(principal, unit_id)
    unit = Unit.objects(id=unit_id).first()
    if unit is None:
        raise ApiError(422, fields={field: ["Đơn vị không tồn tại / unknown unit"]})
    return unit
