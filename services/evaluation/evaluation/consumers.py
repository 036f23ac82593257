"""Named consumers of the evaluation service, for ``cadre_shared.workers evaluation consume``:
name → topic(s), handler (dead letters go to <topic>.dlt). Each context declares its own; and the
daily jobs its worker runs beside them (``cadre_shared.daily_jobs``)."""
from cadre_shared.consumer import ConsumerSpec
from cadre_shared.daily_jobs import DailyJob

from .appraisal.consumers import PERIOD_JOBS, SATISFACTION
from .appraisal.models.satisfaction import SatisfactionFact
from .registry.consumers import GAP_REFRESH, ROSTER_HEAL, SCRUTINY, TRAINING_RESULTS
from .registry.models import CadreTraining
from .registry.models.scrutiny import ScrutinyRecord
from .risk.consumers import ASSESS_AFTER_CLOSE, ASSESS_CHANGED_CADRE, NIGHTLY

CONSUMERS: dict[str, ConsumerSpec] = {
    SATISFACTION.name: SATISFACTION,
    PERIOD_JOBS.name: PERIOD_JOBS,
    GAP_REFRESH.name: GAP_REFRESH,
    TRAINING_RESULTS.name: TRAINING_RESULTS,
    ROSTER_HEAL.name: ROSTER_HEAL,
    SCRUTINY.name: SCRUTINY,
    ASSESS_AFTER_CLOSE.name: ASSESS_AFTER_CLOSE,
    ASSESS_CHANGED_CADRE.name: ASSESS_CHANGED_CADRE,
}
JOBS: dict[str, DailyJob] = {NIGHTLY.name: NIGHTLY}
# Copies emptied by ``cadre_shared.restore prepare`` after a restore, which their owners then publish
# again (``python -m training.rebuild --republish``, ``python -m survey.rebuild --republish``).
READ_COPIES = (CadreTraining, ScrutinyRecord, SatisfactionFact)
