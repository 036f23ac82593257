"""Reading the registry: cadre lists with filters and paging (from the rosters, never a scan of
the cadres), dossiers (by ``_id``), gap analyses."""
from __future__ import annotations

from cadre_shared.auth import Principal, ensure_unit
from cadre_shared.clock import today
from cadre_shared.errors import ApiError

from ..domain import gaps as rules
from ..domain import roster
from ..domain.dossier import SENSITIVE_FIELDS, on_probation
from ..models import Cadre, Competency, Unit
from . import roster_reads
from .units import every_unit
from .access import sees_sensitive, visible_cadre
from .catalogue import Catalogue, current_assessments, training_records


SUMMARY_FIELDS = ("id", "code", "full_name", "gender", "birth_year", "unit_id", "department_code", "position_id",
                  "position_version", "is_leader", "reports_to", "is_local", "education", "political_theory",
                  "digital_skill", "appointed_on", "probation_until", "status", "left_on", "gap_keys", "version")


def competency_names() -> dict[str, str]:
    return {c.code: c.name for c in Competency.objects.only("code", "name")}


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


def _summary_of_row(row: dict, day) -> dict:
    data = {name: row[name] for name in SUMMARY_FIELDS}
    data["gap_keys"] = list(row["gap_keys"])
    data["on_probation"] = on_probation(row["probation_until"], day)
    return data


def _candidates(principal: Principal, unit_id: str | None) -> list[dict]:
    """The rows the caller may list: a cadre their own, a unit's people their unit's, the province
    everyone's (of ``unit_id`` only, when given)."""
    if principal.role == "cadre":
        return list(roster_reads.rows_by_id([principal.cadre_id or ""]).values())
    if not principal.is_province_wide:
        return roster_reads.rows([principal.unit_id or ""])
    return roster_reads.rows([unit_id] if unit_id else None)


def list_cadres(principal: Principal, query: dict) -> tuple[list[dict], int]:
    if "unit_id" in query and principal.role != "cadre":
        ensure_unit(principal, query["unit_id"])
    unit_ids = {query["unit_id"]} if "unit_id" in query else None
    if "area" in query:
        in_area = {u.id for u in Unit.objects(area=query["area"]).only("id")}
        unit_ids = in_area if unit_ids is None else unit_ids & in_area
    day = today()
    found = roster.select(_candidates(principal, query.get("unit_id")), roster.Filters(
        status=query["status"], unit_ids=frozenset(unit_ids) if unit_ids is not None else None,
        position_id=query.get("position_id"), is_local=query.get("is_local"), is_leader=query.get("is_leader"),
        on_probation=query.get("on_probation"), has_gaps=query.get("has_gaps"), gap=query.get("gap") or None,
        q=query.get("q")), day)
    start = (query["page"] - 1) * query["per_page"]
    return [_summary_of_row(row, day) for row in found[start:start + query["per_page"]]], len(found)


def cadre_gaps(principal: Principal, cadre_id: str) -> dict:
    cadre = visible_cadre(principal, cadre_id)
    catalogue, day = Catalogue.of(cadre), today()
    gaps = catalogue.gaps_of(cadre, training_records([cadre.id]).get(cadre.id, []), day)
    return {"cadre_id": cadre.id, "position_id": cadre.position_id, "position_version": cadre.position_version,
            "area": catalogue.unit_areas.get(cadre.unit_id), "analysed_on": day,
            "gaps": [g.as_dict() for g in gaps]}


def _unit_and_members(principal: Principal, unit_id: str) -> tuple[Unit, list[Unit]]:
    ensure_unit(principal, unit_id)
    unit = Unit.objects(id=unit_id).only("id", "kind").first()
    if unit is None:
        raise ApiError(404)
    members = [u for u in every_unit() if u.parent_id == unit.id] if unit.kind == "province" else []
    return unit, members


def unit_gaps(principal: Principal, unit_id: str, with_ids: bool = True) -> dict:
    """Counts per unmet item over the unit's active cadres (a province: over its communes and wards),
    from each cadre's gap analysis as last published (kept current by every change it depends on)."""
    unit, members = _unit_and_members(principal, unit_id)
    unit_ids, names = (unit.id, *(m.id for m in members)), competency_names()

    def counted(rows_of) -> dict:
        active = [r for r in rows_of(unit_ids) if r["status"] == "active"]
        summary_ = rules.unit_gap_summary({r["id"]: r["gap_keys"] for r in active}, names)
        return {"unit_id": unit.id, "cadres": summary_.cadres, "cadres_with_gaps": summary_.cadres_with_gaps,
                "items": [{**vars(item), "cadre_ids": list(item.cadre_ids) if with_ids else []}
                          for item in summary_.items]}

    # kept while no roster changed (a province's counts go over ten thousand rows)
    kept = roster_reads.kept(("unit_gaps", unit_ids, with_ids, tuple(sorted(names.items()))), counted)
    return {**kept, "analysed_on": today()}


def member_gap_shares(principal: Principal, unit_id: str) -> list[dict]:
    """For a province, each commune and ward: its active cadres and how many have a gap."""
    _unit, members = _unit_and_members(principal, unit_id)

    def counted(rows_of) -> dict[str, list[int]]:
        counts = {m.id: [0, 0] for m in members}
        for row in rows_of(counts):
            if row["status"] == "active" and row["unit_id"] in counts:
                counts[row["unit_id"]][0] += 1
                counts[row["unit_id"]][1] += bool(row["gap_keys"])
        return counts

    # kept while no roster changed (ten thousand rows for a province)
    counts = roster_reads.kept(("member_gap_shares", tuple(m.id for m in members)), counted)
    return [{"unit_id": m.id, "code": m.code, "name": m.name, "cadres": counts[m.id][0],
             "cadres_with_gaps": counts[m.id][1]} for m in members]
