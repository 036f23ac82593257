"""The appraisal's consumer of ``survey.responses.v1``: one satisfaction fact per response."""
from cadre_shared.consumer import ConsumerSpec

from .handlers.satisfaction import apply_response_event

TOPIC = "survey.responses.v1"
# A recorded response is one fact keyed by its response id, inserted once and otherwise only
# completed with the same description: a repeat cannot change it, so it needs no ledger. A
# review sets a decision; an old one arriving again after a newer one would undo it, so
# reviews keep the ledger.
SATISFACTION = ConsumerSpec("satisfaction", [TOPIC], apply_response_event,
                            event_types={"response.recorded", "response.reviewed"},
                            ledger_free_types=frozenset({"response.recorded"}))
