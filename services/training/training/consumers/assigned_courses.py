"""A course HR assigned to a flagged cadre (evaluation's early warning) joins the cadre's training
plan. One entry per intervention, set again by a repeated event: no ledger needed."""
from cadre_shared.consumer import ConsumerSpec

from ..models.assigned import AssignedCourses

EVENT = "risk_course.assigned"


def keep_assigned_course(event: dict) -> None:
    p = event["payload"]
    AssignedCourses._get_collection().update_one(
        {"_id": p["cadre_id"]}, {"$set": {f"items.{p['intervention_id']}": {
            "course_code": p["course_code"], "due_on": p["due_on"], "note": p["note"], "flag_id": p["flag_id"]}}},
        upsert=True)


ASSIGNED_COURSES = ConsumerSpec("assigned-courses", ["evaluation.risk-flags.v1"], keep_assigned_course,
                                event_types={EVENT}, ledger_free_types=frozenset({EVENT}))
