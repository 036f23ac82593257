"""A unit's counter roster: the officials its kiosks offer to choose from, as HR set it or,
until HR does, every active cadre of the unit."""
from __future__ import annotations

from datetime import datetime, timezone

from unidecode import unidecode

from cadre_shared.auth import Principal, ensure_unit
from cadre_shared.errors import ApiError

from ..models import CadreCopy, CounterStaff, StaffPhoto
from .upserts import upsert_fields

NOT_IN_UNIT = "Cán bộ không thuộc đơn vị / not a cadre of this unit"


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


def staff_entries(staff: list[CadreCopy]) -> list[dict]:
    """What a kiosk or HR sees of each official: the name, and the photo's address when there is one."""
    photo_ids = {p.id for p in StaffPhoto.objects(id__in=[c.id for c in staff]).only("id")}
    return [{"cadre_id": c.id, "full_name": c.full_name,
             "photo_url": f"/api/v1/kiosk/staff/{c.id}/photo" if c.id in photo_ids else None} for c in staff]


def roster_of(principal: Principal, unit_id: str) -> dict:
    ensure_unit(principal, unit_id)
    return {"unit_id": unit_id, "configured": CounterStaff.objects(id=unit_id).first() is not None,
            "staff": staff_entries(counter_staff(unit_id))}


def set_roster(principal: Principal, unit_id: str, cadre_ids: list[str]) -> dict:
    """HR names who stands at the counter, in the order the kiosk shows them: active cadres of the unit only."""
    ensure_unit(principal, unit_id)
    ids = list(dict.fromkeys(cadre_ids))
    known = {c.id: c for c in CadreCopy.objects(id__in=ids)}
    errors = {str(i): [NOT_IN_UNIT] for i, cid in enumerate(ids)
              if cid not in known or known[cid].unit_id != unit_id or known[cid].status != "active"}
    if errors:
        raise ApiError(422, fields={"cadre_ids": errors})
    upsert_fields(CounterStaff, unit_id, cadre_ids=ids, updated_by=principal.username,
                  updated_at=datetime.now(timezone.utc))
    return roster_of(principal, unit_id)
