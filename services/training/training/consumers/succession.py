"""Consumer of the evaluation service's succession entries: the courses a plan requires of a
cadre join their training plan; an entry removed (or left without courses) leaves it."""
from cadre_shared.consumer import ConsumerSpec

from ..models.succession import SuccessionCourses


def keep_entry(event: dict) -> None:
    """Apply the entry unless a newer version of it is already kept (a replayed older event)."""
    p = event["payload"]
    path = f"entries.{p['entry_id']}"
    stored = SuccessionCourses.objects(id=p["cadre_id"]).first()
    known = (stored.entries.get(p["entry_id"]) if stored else None) or {}
    if known.get("version", 0) >= p["version"]:
        return
    coll = SuccessionCourses._get_collection()
    if p["status"] == "active" and p["courses"]:
        coll.update_one({"_id": p["cadre_id"]}, {"$set": {path: {
            "term": p["term"], "title": p["title"], "courses": p["courses"], "due_on": p["due_on"],
            "version": p["version"]}}}, upsert=True)
    else:
        # kept as an empty version so that an older "active" replayed later stays out
        coll.update_one({"_id": p["cadre_id"]}, {"$set": {path: {"courses": [], "version": p["version"]}}},
                        upsert=True)


SUCCESSION_COURSES = ConsumerSpec("succession-courses", ["evaluation.succession.v1"], keep_entry,
                                  event_types={"succession.entry_changed"})
