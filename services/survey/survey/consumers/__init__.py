"""Named consumers of the survey service: name → topic(s), handler (dead letters go to <topic>.dlt);
and its daily jobs."""
from cadre_shared.consumer import ConsumerSpec
from cadre_shared.daily_jobs import DailyJob
from cadre_shared.read_copy import UNIT_FIELDS, UnitCopy, snapshot_handler

from ..handlers.retention import purge
from ..models.read_copies import CadreCopy
from .answer_lists import ANSWER_LISTS
from .cadre_copies import CADRE_COPIES

CONSUMERS: dict[str, ConsumerSpec] = {
    CADRE_COPIES.name: CADRE_COPIES,
    ANSWER_LISTS.name: ANSWER_LISTS,
    "unit-copies": ConsumerSpec("unit-copies", ["evaluation.units.v1"],
                                snapshot_handler(UnitCopy, "unit_id", UNIT_FIELDS)),
}
JOBS: dict[str, DailyJob] = {"retention-purge": DailyJob("retention-purge", purge)}
# Copies emptied by ``cadre_shared.restore prepare`` after a restore, which their owner then publishes
# again (``python -m evaluation.rebuild --republish``).
READ_COPIES = (UnitCopy, CadreCopy)
