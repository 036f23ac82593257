"""A cadre's or a unit's training standing: a cadre's is computed from their results document and
the requirements; a unit's is its compliance document (``unit_compliance``), summed here per cadre
and per requirement. Every read goes by ``_id``."""
from __future__ import annotations

from datetime import date

from cadre_shared.auth import Principal, ensure_cadre_visible, ensure_unit
from cadre_shared.clock import today
from cadre_shared.errors import ApiError

from ..domain import compliance as rules
from ..domain.plans import CourseOption, PlannedCourses, assigned_entries, training_plan
from ..models import AssignedCourses, CadreCopy, CadreGapsCopy, Course, SuccessionCourses, UnitCopy
from . import compliance_overview as overview
from . import unit_compliance as unit_documents
from .compliance_overview import counts
from .result_index import result_list, results_of
from .unit_compliance import Inputs, items_of

NO_CADRE = "Không tìm thấy cán bộ / Cadre not found"
NEEDS_ACTION = ("overdue", "expired", "due_soon")


def visible_cadre(principal: Principal, cadre_id: str) -> dict:
    """The cadre's copy, if the caller may see them: province-wide roles any, unit HR their unit, a cadre themself."""
    cadre = CadreCopy._get_collection().find_one({"_id": cadre_id})
    if cadre is None:
        raise ApiError(404, NO_CADRE)
    ensure_cadre_visible(principal, cadre_id, cadre.get("unit_id"), NO_CADRE)
    return cadre


def cadre_compliance(principal: Principal, cadre_id: str) -> dict:
    """Each requirement of the cadre's position with its status (done, due soon, overdue, expired, not yet due)."""
    cadre = visible_cadre(principal, cadre_id)
    items = items_of(cadre, Inputs.now())
    return {"cadre_id": cadre["_id"], "code": cadre.get("code"), "full_name": cadre.get("full_name"),
            "unit_id": cadre.get("unit_id"), "as_of": today(), "summary": rules.summary(items), "items": items}


def cadre_results(principal: Principal, cadre_id: str) -> list[dict]:
    """The cadre's course results, newest first."""
    return result_list(visible_cadre(principal, cadre_id)["_id"])


def planned_courses(cadre_id: str) -> tuple[list[PlannedCourses], set[str]]:
    """The succession plans' courses for the cadre, and the course codes they passed."""
    stored = SuccessionCourses.objects(id=cadre_id).first()
    planned = [PlannedCourses(entry_id, f"Quy hoạch {e['title']}, nhiệm kỳ {e['term']} / "
                                        f"succession plan: {e['title']}, term {e['term']}",
                              date.fromisoformat(e["due_on"]) if e.get("due_on") else None, tuple(e["courses"]))
               for entry_id, e in sorted((stored.entries if stored else {}).items()) if e.get("courses")]
    passed = {r.course_code for r in results_of(cadre_id) if r.passed} if planned else set()
    return planned, passed


def cadre_plan(principal: Principal, cadre_id: str) -> dict:
    """Courses HR assigned as interventions, unmet requirements, then competency gaps, each with the
    courses that close it."""
    cadre = visible_cadre(principal, cadre_id)
    catalogue = [CourseOption(c.id, c.title, c.category, c.hours, tuple(c.competencies))
                 for c in Course.objects.order_by("id")]
    gaps = CadreGapsCopy.objects(id=cadre["_id"]).first()
    assigned = AssignedCourses._get_collection().find_one({"_id": cadre["_id"]}) or {}
    entries = (assigned_entries(assigned.get("items", {}), catalogue)
               + training_plan(items_of(cadre, Inputs.now()), gaps.gaps if gaps else [], catalogue,
                               *planned_courses(cadre["_id"])))
    titles = {c.code: c for c in catalogue}
    return {"cadre_id": cadre["_id"], "full_name": cadre.get("full_name"), "as_of": today(),
            "entries": [{**entry.__dict__, "courses": [titles[code] for code in entry.courses]} for entry in entries]}


def unit_compliance(principal: Principal, unit_id: str) -> dict:
    """The unit's figures: in total, per cadre, per requirement, and every item that needs action
    (overdue, expired, due soon), most urgent first."""
    ensure_unit(principal, unit_id)
    if UnitCopy.objects(id=unit_id).first() is None:
        raise ApiError(404, "Không tìm thấy đơn vị / Unit not found")
    doc = unit_documents.current(unit_id)
    rows = sorted((doc.get("rows") or {}).items(), key=lambda pair: (pair[1].get("full_name") or "", pair[0]))
    titles = {r.code: r.title for r in unit_documents.requirements()}
    by_cadre, by_requirement, attention = [], {}, []
    for cadre_id, row in rows:
        by_cadre.append({"cadre_id": cadre_id, "code": row.get("code"), "full_name": row.get("full_name"),
                         "summary": counts(i["status"] for i in row["items"])})
        for item in row["items"]:
            by_requirement.setdefault(item["requirement"], []).append(item["status"])
            if item["status"] in NEEDS_ACTION:
                attention.append({"cadre_id": cadre_id, "full_name": row.get("full_name"), **item,
                                  "title": titles.get(item["requirement"], item["requirement"])})
    attention.sort(key=lambda a: (rules.STATUSES.index(a["status"]), a["due_on"] or "9999", a["full_name"] or ""))
    return {"unit_id": unit_id, "as_of": date.fromisoformat(doc["as_of"]), "cadres": len(by_cadre),
            "summary": counts(i["status"] for _c, row in rows for i in row["items"]), "by_cadre": by_cadre,
            "by_requirement": [{"requirement": code, "title": titles.get(code, code), **counts(statuses)}
                               for code, statuses in sorted(by_requirement.items())],
            "attention": attention}


def units_overview(principal: Principal) -> list[dict]:
    """Every unit's totals (a unit-scoped caller: their own), communes and wards by name; the province
    itself only when it has cadres of its own, each with the day it was computed for (``as_of``). The
    totals come from the overview (one read). A unit whose entry is missing, or was computed with
    another due-soon window or basis (a setting changed), is computed again, as its own page would; an
    entry of an earlier day is shown as it is: the daily job ``training-due`` computes every unit for
    the new day after midnight (and when the workers start), and a read that computed a hundred units
    again itself kept the province's home waiting for minutes while the job did the same work."""
    units = [u for u in UnitCopy.objects.order_by("name") if principal.can_see_unit(u.id)]
    now, known, found, shared = unit_documents.stamp(), overview.entries(), [], []

    def inputs() -> unit_documents.Inputs:  # read once for every unit computed again (a new day: all)
        if not shared:
            shared.append(unit_documents.Inputs.now())
        return shared[0]

    for unit in units:
        entry = known.get(unit.id)
        if entry is None or not overview.is_current(entry, now, any_day=True):
            entry = overview.note(unit_documents.current(unit.id, now, inputs))
        if unit.kind == "province" and not entry["cadres"]:
            continue
        found.append({"unit_id": unit.id, "name": unit.name, "kind": unit.kind, "cadres": entry["cadres"],
                      "summary": entry["summary"], "as_of": date.fromisoformat(entry["as_of"])})
    return found
