"""The service's own result events, read back: each cadre's results document, then their row in
their unit's compliance."""
from cadre_shared.consumer import ConsumerSpec

from ..handlers.result_index import keep_result, keep_results
from ..handlers.unit_compliance import Inputs, refresh_cadre, refresh_cadres


def index_result(event: dict) -> None:
    """Also after a retry of an event whose result was stored but whose row was not (a failure between)."""
    if keep_result(event):
        refresh_cadre(event["payload"]["cadre_id"])


def index_results(events: list[dict]) -> None:
    """A run of results (a school's file): each cadre's document written once, then the rows of the
    cadres whose results changed with one read of the requirements and one write per unit — per event,
    the 33,000 results of a large province's files kept the service busy for many minutes."""
    refresh_cadres(dict.fromkeys(keep_results(events)), inputs=Inputs.now())


# a result's event is kept by its id and time (a repeat or an older one changes nothing): no ledger
RESULT_EVENTS = frozenset({"result.recorded"})
RESULT_INDEX = ConsumerSpec("result-index", ["training.results.v1"], index_result, event_types=set(RESULT_EVENTS),
                            ledger_free_types=RESULT_EVENTS, batch_handler=index_results, batch_types=RESULT_EVENTS)
