"""What a kiosk (or a receipt link on a phone) needs to show: its unit, the current form, the
officials to choose from (or the one official the receipt names) and the procedures the counter serves."""
from __future__ import annotations

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError

from ..models import CadreCopy, UnitCopy
from .forms import current_form
from .procedures import procedures_of_unit
from .roster import counter_staff, staff_entries


def context_for(principal: Principal, receipt: dict | None) -> dict:
    unit = UnitCopy.objects(id=principal.unit_id).first()
    form = current_form()
    context = {"unit": {"id": principal.unit_id, "name": unit.name if unit else None},
               "kiosk_id": principal.kiosk_id, "form": form, "staff": [], "receipt": None,
               "procedures": procedures_of_unit(principal.unit_id)}
    if receipt is not None:
        cadre = CadreCopy.objects(id=receipt["cadre_id"]).first()
        if cadre is None or cadre.unit_id != principal.unit_id or cadre.status != "active":
            raise ApiError(422, fields={"cadre_id": ["Cán bộ không thuộc đơn vị / official is not in this unit"]})
        context["receipt"] = {"cadre_id": cadre.id, "full_name": cadre.full_name,
                              "dossier_code": receipt["dossier_code"],
                              "procedure_code": receipt.get("procedure_code")}
        return context
    context["staff"] = staff_entries(counter_staff(principal.unit_id))
    return context
