"""A plan as people read it: per unit and key title, the candidates with their eligibility checked
now (problems, notes, warnings), the shares against the targets, the province summary and the
history of the yearly reviews."""
from __future__ import annotations

from datetime import date

from cadre_shared.auth import Principal, ensure_unit
from cadre_shared.clock import today
from cadre_shared.errors import ApiError

from ...registry import queries as registry
from ..domain.limits import short_of
from ..domain.shares import Planned, shares
from ..models import SuccessionPlan, UnitPlan, unit_key
from .facts import Assessed, Proposal, assess
from .plans import find_plan, term_of
from .settings import current_rules


def _units_seen(principal: Principal, plan: SuccessionPlan, unit_id: str | None) -> list[str]:
    if unit_id:
        ensure_unit(principal, unit_id)
        if registry.unit_ref(unit_id) is None:
            raise ApiError(404, "Không có đơn vị này / No such unit")
        return [unit_id]
    if not principal.is_province_wide:
        return [principal.unit_id] if principal.unit_id else []
    return list(plan.unit_ids or [])


def _docs(plan: SuccessionPlan, unit_ids: list[str]) -> list[UnitPlan]:
    docs = []
    for unit_id in unit_ids:
        doc = UnitPlan.objects(id=unit_key(plan.id, unit_id)).exclude("outbox").first()
        docs.append(doc if doc is not None else UnitPlan(id=unit_key(plan.id, unit_id), plan_id=plan.id,
                                                         unit_id=unit_id, entries={}, history=[]))
    return docs


def _proposal(doc: UnitPlan, e: dict) -> Proposal:
    met_by = date.fromisoformat(e["standard_met_by"]) if e.get("standard_met_by") else None
    return Proposal(e["cadre_id"], e["position_id"], doc.unit_id, met_by, tuple(e.get("courses") or ()))


def _candidate(doc: UnitPlan, e: dict, assessed: Assessed | None) -> dict:
    cadre = assessed.cadre if assessed else None
    return {"id": e["id"], "cadre_id": e["cadre_id"], "full_name": cadre.full_name if cadre else None,
            "code": cadre.code if cadre else None, "home_unit_id": cadre.unit_id if cadre else None,
            "gender": cadre.gender if cadre else None, "birth_year": cadre.birth_year if cadre else None,
            "eligible": assessed.check.eligible if assessed else False,
            "problems": list(assessed.check.problems) if assessed else ["Không tìm thấy cán bộ / cadre not found"],
            "notes": list(assessed.check.notes) if assessed else [],
            "warnings": list(assessed.check.warnings) if assessed else [],
            "trained": assessed.trained if assessed else False,
            "reason": e["reason"], "override_reason": e.get("override_reason"), "added_by": e["added_by"],
            "added_at": e["added_at"], "courses": e.get("courses") or [], "standard_met_by": e.get("standard_met_by"),
            "rotation": e.get("rotation")}


def _assessed(plan: SuccessionPlan, docs: list[UnitPlan]) -> tuple[dict, list[tuple[UnitPlan, dict]]]:
    active = [(doc, e) for doc in docs for e in doc.entries.values() if e["status"] == "active"]
    found = assess([_proposal(doc, e) for doc, e in active], current_rules(), term_of(plan), today())
    return found, active


def _planned(found: dict, active: list[tuple[UnitPlan, dict]]) -> list[Planned]:
    planned = []
    for doc, e in active:
        assessed = found.get(_proposal(doc, e))
        if assessed is not None:
            planned.append(Planned(e["cadre_id"], assessed.cadre.gender, assessed.cadre.birth_year, assessed.trained))
    return planned


def plan_view(principal: Principal, plan_id: str, unit_id: str | None) -> dict:
    """Every key title of the units in view (those without candidates too), with their candidates."""
    plan, rules = find_plan(plan_id), current_rules()
    docs = _docs(plan, _units_seen(principal, plan, unit_id))
    found, active = _assessed(plan, docs)
    key_titles = registry.key_title_positions()
    titles = []
    for doc in docs:
        unit = registry.unit_ref(doc.unit_id)
        position_ids = [p.id for p in key_titles] + sorted(
            {e["position_id"] for d, e in active if d is doc} - {p.id for p in key_titles})
        for position_id in position_ids:
            position = next((p for p in key_titles if p.id == position_id), None) or \
                registry.title_position(position_id)
            candidates = [_candidate(doc, e, found.get(_proposal(doc, e))) for d, e in active
                          if d is doc and e["position_id"] == position_id]
            titles.append({"unit_id": doc.unit_id, "unit_name": unit.name if unit else None,
                           "position_id": position_id, "title": position.title if position else None,
                           "key_title": position.key_title if position else None, "count": len(candidates),
                           "min": rules.min_per_title, "max": rules.max_per_title,
                           "short_by": short_of(len(candidates), rules), "candidates": candidates})
    return {"id": plan.id, "term": plan.term, "unit_id": unit_id, "titles": titles,
            "shares": shares(_planned(found, active), rules, today().year)}


def summary(plan_id: str) -> dict:
    """Province and per-unit shares against the targets, and how many titles are short of the minimum."""
    plan, rules = find_plan(plan_id), current_rules()
    docs = _docs(plan, list(plan.unit_ids or []))
    found, active = _assessed(plan, docs)
    year, rows = today().year, []
    for doc in docs:
        mine = [(d, e) for d, e in active if d is doc]
        counts: dict[str, int] = {}
        for _, e in mine:
            counts[e["position_id"]] = counts.get(e["position_id"], 0) + 1
        unit = registry.unit_ref(doc.unit_id)
        rows.append({"unit_id": doc.unit_id, "unit_name": unit.name if unit else None, "titles": len(counts),
                     "titles_short": sum(1 for n in counts.values() if short_of(n, rules)),
                     "shares": shares(_planned(found, mine), rules, year)})
    rows.sort(key=lambda r: r["unit_name"] or "")
    return {"id": plan.id, "term": plan.term, "targets": dict(rules.targets), "young_age": rules.young_age,
            "province": shares(_planned(found, active), rules, year), "units": rows}


def history(principal: Principal, plan_id: str, unit_id: str | None) -> list[dict]:
    """Every addition, removal and development change, newest first, with its reason."""
    plan = find_plan(plan_id)
    lines = [{**line, "unit_id": doc.unit_id} for doc in _docs(plan, _units_seen(principal, plan, unit_id))
             for line in doc.history]
    return sorted(lines, key=lambda line: line["at"], reverse=True)
