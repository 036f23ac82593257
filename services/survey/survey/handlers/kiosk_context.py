"""What a kiosk (or a receipt link on a phone) needs to show: its unit, the current form and
the officials to choose from (or the one official the receipt names)."""
from __future__ import annotations

from unidecode import unidecode

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError

from ..models import CadreCopy, CounterStaff, StaffPhoto, UnitCopy
from .forms import current_form


def counter_staff(unit_id: str) -> list[CadreCopy]:
    """The unit's counter roster when HR set one, else every active cadre of the unit, by name."""
    roster = CounterStaff.objects(id=unit_id).first()
    cadres = CadreCopy.objects(unit_id=unit_id, status="active")
    if roster is not None and roster.cadre_ids:
        by_id = {c.id: c for c in cadres if c.id in set(roster.cadre_ids)}
        return [by_id[i] for i in roster.cadre_ids if i in by_id]
    return sorted(cadres, key=lambda c: _sort_name(c.full_name or ""))


def _sort_name(full_name: str) -> tuple:
    # Vietnamese names sort by given name (the last word), then the whole name, ignoring diacritics
    plain = unidecode(full_name).lower().split()
    return (plain[-1] if plain else "", " ".join(plain), full_name)


def staff_entry(cadre: CadreCopy, photo_ids: set[str]) -> dict:
    return {"cadre_id": cadre.id, "full_name": cadre.full_name,
            "photo_url": f"/api/v1/kiosk/staff/{cadre.id}/photo" if cadre.id in photo_ids else None}


def context_for(principal: Principal, receipt: dict | None) -> dict:
    unit = UnitCopy.objects(id=principal.unit_id).first()
    form = current_form()
    context = {"unit": {"id": principal.unit_id, "name": unit.name if unit else None},
               "kiosk_id": principal.kiosk_id, "form": form, "staff": [], "receipt": None}
    if receipt is not None:
        cadre = CadreCopy.objects(id=receipt["cadre_id"]).first()
        if cadre is None or cadre.unit_id != principal.unit_id or cadre.status != "active":
            raise ApiError(422, fields={"cadre_id": ["Cán bộ không thuộc đơn vị / official is not in this unit"]})
        context["receipt"] = {"cadre_id": cadre.id, "full_name": cadre.full_name,
                              "dossier_code": receipt["dossier_code"],
                              "procedure_code": receipt.get("procedure_code")}
        return context
    staff = counter_staff(principal.unit_id)
    photo_ids = {p.id for p in StaffPhoto.objects(id__in=[c.id for c in staff]).only("id")}
    context["staff"] = [staff_entry(c, photo_ids) for c in staff]
    return context
