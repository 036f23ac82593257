"""Named consumers of the training service: name → topic(s), handler (dead letters go to <topic>.dlt);
and the daily job its worker runs beside them (``cadre_shared.daily_jobs``)."""
from cadre_shared.consumer import ConsumerSpec
from cadre_shared.daily_jobs import DailyJob
from cadre_shared.read_copy import UNIT_FIELDS, UnitCopy, snapshot_handler

from ..handlers.due_notices import send_due_notices
from ..handlers.retention import purge
from ..models.assigned import AssignedCourses
from ..models.read_copies import CadreCopy, CadreGapsCopy, PositionCopy
from ..models.succession import SuccessionCourses
from .assigned_courses import ASSIGNED_COURSES
from .registry_copies import CADRE_COPIES, GAP_COPIES, POSITION_COPIES
from .standing import RESULT_INDEX
from .succession import SUCCESSION_COURSES

CONSUMERS: dict[str, ConsumerSpec] = {
    CADRE_COPIES.name: CADRE_COPIES,
    "unit-copies": ConsumerSpec("unit-copies", ["evaluation.units.v1"],
                                snapshot_handler(UnitCopy, "unit_id", UNIT_FIELDS)),
    POSITION_COPIES.name: POSITION_COPIES,
    GAP_COPIES.name: GAP_COPIES,
    RESULT_INDEX.name: RESULT_INDEX,
    SUCCESSION_COURSES.name: SUCCESSION_COURSES,
    ASSIGNED_COURSES.name: ASSIGNED_COURSES,
}
JOBS: dict[str, DailyJob] = {"training-due": DailyJob("training-due", send_due_notices),
                             "retention-purge": DailyJob("retention-purge", purge)}
# Copies emptied by ``cadre_shared.restore prepare`` after a restore, which their owner then publishes
# again (``python -m evaluation.rebuild --republish``).
READ_COPIES = (UnitCopy, CadreCopy, PositionCopy, CadreGapsCopy, SuccessionCourses, AssignedCourses)
