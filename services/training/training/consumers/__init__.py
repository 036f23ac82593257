"""Named consumers of the training service: name → topic(s), handler (dead letters go to <topic>.dlt);
and the daily job its worker runs beside them (``cadre_shared.daily_jobs``)."""
from cadre_shared.consumer import ConsumerSpec
from cadre_shared.daily_jobs import DailyJob
from cadre_shared.read_copy import UNIT_FIELDS, UnitCopy, snapshot_handler

from ..handlers.due_notices import send_due_notices
from ..handlers.uploads import apply_upload_event
from ..handlers.retention import purge
from ..models.assigned import AssignedCourses
from ..models.read_copies import CadreCopy, CadreGapsCopy, PositionCopy
from ..models.succession import SuccessionCourses
from .assigned_courses import ASSIGNED_COURSES
from .registry_copies import CADRE_COPIES, GAP_COPIES, POSITION_COPIES
from .standing import RESULT_INDEX
from .succession import SUCCESSION_COURSES

# An upload's job is recorded on its batch (done, or which runner holds it), so running it again for a
# repeated event changes nothing: no ledger.
UPLOAD_JOBS = ConsumerSpec("upload-jobs", ["training.uploads.v1"], apply_upload_event, event_types={"upload.received"},
                           ledger_free_types=frozenset({"upload.received"}))
CONSUMERS: dict[str, ConsumerSpec] = {
    CADRE_COPIES.name: CADRE_COPIES,
    "unit-copies": ConsumerSpec("unit-copies", ["evaluation.units.v1"],
                                snapshot_handler(UnitCopy, "unit_id", UNIT_FIELDS)),
    POSITION_COPIES.name: POSITION_COPIES,
    GAP_COPIES.name: GAP_COPIES,
    RESULT_INDEX.name: RESULT_INDEX,
    SUCCESSION_COURSES.name: SUCCESSION_COURSES,
    ASSIGNED_COURSES.name: ASSIGNED_COURSES,
    UPLOAD_JOBS.name: UPLOAD_JOBS,
}
JOBS: dict[str, DailyJob] = {"training-due": DailyJob("training-due", send_due_notices),
                             "retention-purge": DailyJob("retention-purge", purge)}
# Copies emptied by ``cadre_shared.restore prepare`` after a restore, which their owner then publishes
# again (``python -m evaluation.rebuild --republish``).
READ_COPIES = (UnitCopy, CadreCopy, PositionCopy, CadreGapsCopy, SuccessionCourses, AssignedCourses)
