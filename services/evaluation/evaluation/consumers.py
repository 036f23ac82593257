"""Named consumers of the evaluation service, for ``cadre_shared.workers evaluation consume``:
name → topic(s), handler (dead letters go to <topic>.dlt). Each context declares its own."""
from cadre_shared.consumer import ConsumerSpec

from .appraisal.consumers import PERIOD_JOBS, SATISFACTION
from .registry.consumers import GAP_REFRESH, ROSTER_HEAL, SCRUTINY, TRAINING_RESULTS

CONSUMERS: dict[str, ConsumerSpec] = {
    SATISFACTION.name: SATISFACTION,
    PERIOD_JOBS.name: PERIOD_JOBS,
    GAP_REFRESH.name: GAP_REFRESH,
    TRAINING_RESULTS.name: TRAINING_RESULTS,
    ROSTER_HEAL.name: ROSTER_HEAL,
    SCRUTINY.name: SCRUTINY,
}
