"""Every course assigned to a flagged cadre published again after a restore from backup
(``cadre_shared.restore``): the training service keeps it in the cadre's plan, one item per
intervention (set again to the same value by a repeated event). Run on a quiet platform, once the
copies are emptied."""
from __future__ import annotations

from cadre_shared.restore import stage

from ..models import RiskFlag
from .flags import course_events


def republish() -> dict:
    courses = 0
    for flag in RiskFlag.objects.exclude("outbox"):
        events = [event for item in flag.interventions if item.course_code
                  for event in course_events(flag, {"id": item.id, "course_code": item.course_code,
                                                    "due_on": item.due_on, "note": item.note,
                                                    "assigned_by": item.assigned_by})]
        courses += len(events) if stage(RiskFlag, flag.id, events) else 0
    return {"assigned_courses": courses}
