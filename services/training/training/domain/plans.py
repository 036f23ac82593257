"""A cadre's training plan (kế hoạch bồi dưỡng): what to take next, from unmet requirements of
their position first, then the courses succession plans require for the titles they are planned
for, then the competency gaps the evaluation service found."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .compliance import Item

# Gap kinds of the evaluation service that a course of one category closes.
GAP_CATEGORIES = {"political_theory": "political_theory", "digital_skill": "digital_skills"}


@dataclass(frozen=True)
class CourseOption:
    code: str
    title: str
    category: str
    hours: float
    competencies: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlannedCourses:
    """The courses a succession plan entry requires (quy hoạch: đào tạo theo chức danh)."""
    key: str  # the plan entry's id
    title: str
    due_on: object
    courses: tuple[str, ...]


@dataclass(frozen=True)
class PlanEntry:
    reason: str  # intervention | requirement | succession | gap
    key: str  # the requirement code or the gap key
    title: str
    status: str | None  # the requirement's status; None for a gap
    due_on: object
    courses: tuple[str, ...]  # course codes that would close it, in catalogue order


def _courses_for(catalogue: list[CourseOption], course_code: str | None = None, category: str | None = None,
                 competency: str | None = None) -> tuple[str, ...]:
    if course_code:
        return tuple(c.code for c in catalogue if c.code == course_code)
    if category:
        return tuple(c.code for c in catalogue if c.category == category)
    return tuple(c.code for c in catalogue if competency in c.competencies)


def succession_entries(planned: list[PlannedCourses], passed: set[str],
                       catalogue: list[CourseOption]) -> list[PlanEntry]:
    """The courses of each plan entry not passed yet, in catalogue order (an entry done leaves the plan;
    a course the catalogue lacks is not offered)."""
    known = [c.code for c in catalogue]
    entries = []
    for p in planned:
        missing = set(p.courses) - passed
        if missing:
            entries.append(PlanEntry("succession", p.key, p.title, None, p.due_on,
                                     tuple(code for code in known if code in missing)))
    return entries


def training_plan(items: list[Item], gaps: list[dict], catalogue: list[CourseOption],
                  planned: list[PlannedCourses] = (), passed: set[str] = frozenset()) -> list[PlanEntry]:
    """Unmet requirements (overdue, expired, due soon, not yet due — in that order, as ``items`` come),
    then the succession plans' courses not passed yet, then gaps a course can close and no requirement
    entry already covers. Education gaps need a degree, not a course, so they stay out."""
    entries, covered = [], set()
    for item in items:
        if item.status == "done":
            continue
        r = item.requirement
        courses = _courses_for(catalogue, course_code=r.course_code, category=r.category)
        entries.append(PlanEntry("requirement", r.code, r.title, item.status, item.due_on, courses))
        covered.add(r.category or next((c.category for c in catalogue if c.code == r.course_code), None))
    entries += succession_entries(list(planned), set(passed), catalogue)
    for gap in gaps:
        kind = gap.get("kind")
        if kind == "course":
            category = gap.get("code")
        elif kind in GAP_CATEGORIES:
            category = GAP_CATEGORIES[kind]
        elif kind == "competency":
            courses = _courses_for(catalogue, competency=gap.get("code"))
            if courses:
                entries.append(PlanEntry("gap", gap["key"], gap.get("title", ""), None, None, courses))
            continue
        else:
            continue
        if category in covered:
            continue
        covered.add(category)
        entries.append(PlanEntry("gap", gap["key"], gap.get("title", ""), None, None,
                                 _courses_for(catalogue, category=category)))
    return entries


def assigned_entries(assigned: dict[str, dict], catalogue: list[CourseOption]) -> list[PlanEntry]:
    """Courses HR assigned as early-warning interventions (intervention id → course code, due date,
    note), soonest due first; a course no longer in the catalogue keeps its entry, without a course."""
    titles = {c.code: c.title for c in catalogue}
    ordered = sorted(assigned.items(), key=lambda pair: (pair[1].get("due_on") or "9999", pair[0]))
    return [PlanEntry("intervention", key, titles.get(item["course_code"], item["course_code"]), None,
                      date.fromisoformat(item["due_on"]) if item.get("due_on") else None,
                      _courses_for(catalogue, course_code=item["course_code"]))
            for key, item in ordered]
