"""The procedures a unit's counter serves (danh mục thủ tục tại quầy), kept by the unit's HR; its kiosks
ask the citizen which one they came for."""
from __future__ import annotations

from datetime import datetime, timezone

from cadre_shared.auth import Principal, ensure_unit
from cadre_shared.errors import ApiError

from ..models import CadreCopy, UnitProcedures
from .upserts import upsert_fields


def procedures_of_unit(unit_id: str) -> list[dict]:
    doc = UnitProcedures._get_collection().find_one({"_id": unit_id}) or {}
    return [{"code": p["code"], "name": p["name"]} for p in doc.get("procedures") or []]


def procedure_list(principal: Principal, unit_id: str) -> dict:
    """HR and auditors within their scope; a cadre, their own unit's (they name it on their receipts)."""
    if principal.role == "cadre":
        cadre = CadreCopy._get_collection().find_one({"_id": principal.cadre_id or ""}, {"unit_id": 1})
        if cadre is None or cadre.get("unit_id") != unit_id:
            raise ApiError(404)
    else:
        ensure_unit(principal, unit_id)
    return {"unit_id": unit_id, "procedures": procedures_of_unit(unit_id)}


def set_procedures(principal: Principal, unit_id: str, procedures: list[dict]) -> dict:
    """The whole list, in the kiosk's order (the schema refused repeated codes)."""
    ensure_unit(principal, unit_id)
    upsert_fields(UnitProcedures, unit_id, procedures=[{"code": p["code"], "name": p["name"]} for p in procedures],
                  updated_by=principal.username, updated_at=datetime.now(timezone.utc))
    return {"unit_id": unit_id, "procedures": procedures_of_unit(unit_id)}
