"""A cadre's or a unit's training standing: loads what the domain needs (registry copies, the
requirements, the cadre's results) and hands it to the pure compliance and plan functions."""
from __future__ import annotations

from datetime import date

from cadre_shared.auth import Principal, ensure_cadre_visible, ensure_unit
from cadre_shared.clock import today
from cadre_shared.errors import ApiError

from ..domain import compliance as rules
from ..domain.plans import CourseOption, training_plan
from ..models import CadreCopy, CadreGapsCopy, Course, CourseResult, PositionCopy, Requirement, UnitCopy
from .settings import due_soon_days

NO_CADRE = "Không tìm thấy cán bộ / Cadre not found"


def visible_cadre(principal: Principal, cadre_id: str) -> CadreCopy:
    """The cadre, if the caller may see them: province-wide roles any, unit HR their unit, a cadre themself."""
    cadre = CadreCopy.objects(id=cadre_id).first()
    if cadre is None:
        raise ApiError(404, NO_CADRE)
    ensure_cadre_visible(principal, cadre_id, cadre.unit_id, NO_CADRE)
    return cadre


def requirements() -> list[rules.Requirement]:
    return [rules.Requirement(r.id, r.title, r.course_code, r.category, r.due_within_months, r.repeat_every_months,
                              tuple(r.position_codes), tuple(r.task_groups), r.leaders)
            for r in Requirement.objects.order_by("id")]


def _iso(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def results_of(cadre_ids: list[str]) -> dict[str, list[rules.Result]]:
    found: dict[str, list[rules.Result]] = {cid: [] for cid in cadre_ids}
    for r in CourseResult.objects(cadre_id__in=cadre_ids).only(
            "cadre_id", "course_code", "category", "session", "completed_on", "passed", "certificate_expires_on"):
        found[r.cadre_id].append(rules.Result(r.course_code, r.category, r.session, _iso(r.completed_on), r.passed,
                                              _iso(r.certificate_expires_on)))
    return found


def roles_of(position_ids: set[str]) -> dict[str, PositionCopy]:
    return {p.id: p for p in PositionCopy.objects(id__in=list(position_ids))}


def _role(cadre: CadreCopy, positions: dict[str, PositionCopy]) -> rules.Role | None:
    position = positions.get(cadre.position_id) if cadre.position_id else None
    if position is None:
        return None
    return rules.Role(position.code, position.task_group, bool(cadre.is_leader or position.is_leader))


def cadre_items(cadre: CadreCopy, reqs=None, results=None, positions=None, day=None) -> list[rules.Item]:
    positions = positions if positions is not None else roles_of({cadre.position_id} - {None})
    results = results if results is not None else results_of([cadre.id])[cadre.id]
    return rules.compliance(reqs if reqs is not None else requirements(), _role(cadre, positions),
                            _iso(cadre.appointed_on), results, day or today(), due_soon_days())


def cadre_compliance(principal: Principal, cadre_id: str) -> dict:
    """Each requirement of the cadre's position with its status (done, due soon, overdue, expired, not yet due)."""
    cadre = visible_cadre(principal, cadre_id)
    items = cadre_items(cadre)
    return {"cadre_id": cadre.id, "code": cadre.code, "full_name": cadre.full_name, "unit_id": cadre.unit_id,
            "as_of": today(), "summary": rules.summary(items), "items": items}


def cadre_results(principal: Principal, cadre_id: str) -> list[CourseResult]:
    """The cadre's course results, newest first."""
    cadre = visible_cadre(principal, cadre_id)
    return sorted(CourseResult.objects(cadre_id=cadre.id).exclude("outbox"),
                  key=lambda r: (r.completed_on, r.course_code), reverse=True)


def cadre_plan(principal: Principal, cadre_id: str) -> dict:
    """Unmet requirements, then competency gaps, each with the courses that close it."""
    cadre = visible_cadre(principal, cadre_id)
    catalogue = [CourseOption(c.id, c.title, c.category, c.hours, tuple(c.competencies))
                 for c in Course.objects.order_by("id")]
    gaps = CadreGapsCopy.objects(id=cadre.id).first()
    entries = training_plan(cadre_items(cadre), gaps.gaps if gaps else [], catalogue)
    titles = {c.code: c for c in catalogue}
    return {"cadre_id": cadre.id, "full_name": cadre.full_name, "as_of": today(),
            "entries": [{**entry.__dict__, "courses": [titles[code] for code in entry.courses]} for entry in entries]}


def unit_compliance(principal: Principal, unit_id: str) -> dict:
    ensure_unit(principal, unit_id)
    if UnitCopy.objects(id=unit_id).first() is None:
        raise ApiError(404, "Không tìm thấy đơn vị / Unit not found")
    cadres = list(CadreCopy.objects(unit_id=unit_id, status="active").order_by("full_name"))
    reqs, day = requirements(), today()
    positions = roles_of({c.position_id for c in cadres} - {None})
    results = results_of([c.id for c in cadres])
    rows, totals = [], {"required": 0, **{status: 0 for status in rules.STATUSES}}
    for cadre in cadres:
        counts = rules.summary(cadre_items(cadre, reqs, results[cadre.id], positions, day))
        for key, value in counts.items():
            totals[key] += value
        rows.append({"cadre_id": cadre.id, "code": cadre.code, "full_name": cadre.full_name, "summary": counts})
    return {"unit_id": unit_id, "as_of": day, "cadres": len(cadres), "summary": totals, "by_cadre": rows}
