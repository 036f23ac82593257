"""The service's own result events, read back: each cadre's results document, then their row in
their unit's compliance."""
from cadre_shared.consumer import ConsumerSpec

from ..handlers.result_index import keep_result
from ..handlers.unit_compliance import refresh_cadre


def index_result(event: dict) -> None:
    """Also after a retry of an event whose result was stored but whose row was not (a failure between)."""
    if keep_result(event):
        refresh_cadre(event["payload"]["cadre_id"])


RESULT_INDEX = ConsumerSpec("result-index", ["training.results.v1"], index_result, event_types={"result.recorded"})
