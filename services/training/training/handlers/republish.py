"""Every stored course result published again, after a restore from backup (``cadre_shared.restore``):
the evaluation service's copy of each cadre's results fills again from these ``result.recorded``
events (the latest per result id wins, so one it has already changes nothing). Run on a quiet
platform, once the copies are emptied."""
from __future__ import annotations

from cadre_shared.envelope import make_event
from cadre_shared.restore import stage

from ..models import CourseResult

PAYLOAD = ("cadre_id", "course_code", "session", "category", "completed_on", "passed", "hours",
           "certificate_expires_on")
BATCH = 1000


def republish() -> dict:
    results = 0
    for row in CourseResult.objects.exclude("outbox").batch_size(BATCH):
        payload = {"result_id": row.id, **{name: getattr(row, name) for name in PAYLOAD}}
        results += stage(CourseResult, row.id, [make_event("result.recorded", 1, row.cadre_id, payload, "training")])
    return {"results": results}
