"""Reading the registry: cadre lists with filters and paging, dossiers, gap analyses."""
from __future__ import annotations

import re

from mongoengine.queryset.visitor import Q

from cadre_shared.auth import Principal, ensure_unit
from cadre_shared.clock import today
from cadre_shared.errors import ApiError

from ..domain import gaps as rules
from ..domain.dossier import SENSITIVE_FIELDS, on_probation
from ..domain.names import fold
from ..models import Cadre, Unit
from .access import sees_sensitive, visible_cadre
from .catalogue import Catalogue, current_assessments, training_records

SUMMARY_FIELDS = ("id", "code", "full_name", "gender", "birth_year", "unit_id", "department_code", "position_id",
                  "position_version", "is_leader", "reports_to", "is_local", "education", "political_theory",
                  "digital_skill", "appointed_on", "probation_until", "status", "left_on", "gap_keys", "version")


def summary(cadre: Cadre) -> dict:
    data = {name: getattr(cadre, name) for name in SUMMARY_FIELDS}
    data["on_probation"] = on_probation(cadre.probation_until, today())
    return data


def dossier(principal: Principal, cadre_id: str) -> dict:
    """The e-dossier; sensitive parts only for those allowed to see them."""
    cadre = visible_cadre(principal, cadre_id)
    data = summary(cadre)
    data["work_history"] = list(cadre.work_history)
    data["competencies"] = current_assessments(cadre)
    if sees_sensitive(principal, cadre):
        data.update({name: getattr(cadre, name) for name in SENSITIVE_FIELDS})
    return data


def _scoped(principal: Principal):
    cadres = Cadre.objects.only(*SUMMARY_FIELDS)
    if principal.role == "cadre":
        return cadres.filter(id=principal.cadre_id or "")
    if not principal.is_province_wide:
        return cadres.filter(unit_id=principal.unit_id or "")
    return cadres


def list_cadres(principal: Principal, query: dict) -> tuple[list[dict], int]:
    if "unit_id" in query and principal.role != "cadre":
        ensure_unit(principal, query["unit_id"])
    cadres = _scoped(principal)
    if query["status"] != "all":
        cadres = cadres.filter(status=query["status"])
    for name in ("unit_id", "position_id", "is_local", "is_leader"):
        if name in query:
            cadres = cadres.filter(**{name: query[name]})
    if "area" in query:
        cadres = cadres.filter(unit_id__in=[u.id for u in Unit.objects(area=query["area"]).only("id")])
    if "on_probation" in query:
        day = today()
        cadres = cadres.filter(probation_until__gte=day) if query["on_probation"] else \
            cadres.filter(Q(probation_until=None) | Q(probation_until__lt=day))
    if "has_gaps" in query:
        cadres = cadres.filter(__raw__={"gap_keys.0": {"$exists": query["has_gaps"]}})
    if query.get("gap"):
        cadres = cadres.filter(gap_keys=query["gap"])
    words = fold(query.get("q") or "").split()
    if words:
        # raw patterns: FerretDB refuses the "u" flag mongoengine's own lookups add
        by_name = {"$and": [{"name_folded": {"$regex": re.escape(word)}} for word in words]}
        by_code = {"code": {"$regex": "^" + re.escape(query["q"].strip()), "$options": "i"}}
        cadres = cadres.filter(__raw__={"$or": [by_name, by_code]})
    total = cadres.count()
    start = (query["page"] - 1) * query["per_page"]
    page = cadres.order_by("code").skip(start).limit(query["per_page"])
    return [summary(c) for c in page], total


def cadre_gaps(principal: Principal, cadre_id: str) -> dict:
    cadre = visible_cadre(principal, cadre_id)
    catalogue, day = Catalogue.load(), today()
    gaps = catalogue.gaps_of(cadre, training_records([cadre.id]).get(cadre.id, []), day)
    return {"cadre_id": cadre.id, "position_id": cadre.position_id, "position_version": cadre.position_version,
            "area": catalogue.unit_areas.get(cadre.unit_id), "analysed_on": day,
            "gaps": [g.as_dict() for g in gaps]}


def unit_gaps(principal: Principal, unit_id: str) -> dict:
    """Counts per unmet item over the unit's active cadres (a province: over its communes and wards)."""
    ensure_unit(principal, unit_id)
    unit = Unit.objects(id=unit_id).only("id", "kind").first()
    if unit is None:
        raise ApiError(404)
    unit_ids = [unit.id]
    if unit.kind == "province":
        unit_ids += [u.id for u in Unit.objects(parent_id=unit.id).only("id")]
    cadres = list(Cadre.objects(unit_id__in=unit_ids, status="active").exclude("outbox", "discipline", "conclusions",
                                                                             "work_history"))
    catalogue, day = Catalogue.load(), today()
    records = training_records(c.id for c in cadres)
    summary_ = rules.unit_gap_summary({c.id: catalogue.gaps_of(c, records.get(c.id, []), day) for c in cadres})
    return {"unit_id": unit.id, "analysed_on": day, "cadres": summary_.cadres,
            "cadres_with_gaps": summary_.cadres_with_gaps,
            "items": [vars(item) for item in summary_.items]}
