"""The appraisal's consumers: citizens' responses (``survey.responses.v1``) as satisfaction facts,
and its own periods' and years' events (``evaluation.periods.v1``), which start their jobs."""
from cadre_shared.consumer import ConsumerSpec

from .handlers.period_jobs import apply_period_event
from .handlers.satisfaction import apply_recorded_events, apply_response_event
from .handlers.year_close import close_year

TOPIC = "survey.responses.v1"
# A recorded response is one fact keyed by its response id, inserted once and otherwise only
# completed with the same description: a repeat cannot change it, so it needs no ledger. A
# review sets a decision; an old one arriving again after a newer one would undo it, so
# reviews keep the ledger.
SATISFACTION = ConsumerSpec("satisfaction", [TOPIC], apply_response_event,
                            event_types={"response.recorded", "response.reviewed"},
                            ledger_free_types=frozenset({"response.recorded"}),
                            batch_handler=apply_recorded_events, batch_types=frozenset({"response.recorded"}))
# A job is recorded on its period or year (done, or which one is current), so running it again for
# a repeated event changes nothing: no ledger.
PERIOD_EVENTS = ("period.opened", "period.closing_requested", "year.closing_requested")


def apply_job_event(envelope: dict) -> None:
    if envelope["type"] == "year.closing_requested":
        close_year(envelope)
    else:
        apply_period_event(envelope)


PERIOD_JOBS = ConsumerSpec("period-jobs", ["evaluation.periods.v1"], apply_job_event,
                           event_types=set(PERIOD_EVENTS), ledger_free_types=frozenset(PERIOD_EVENTS))
