"""HR's lists of citizens' answers (``handlers.answer_lists``), kept from the survey's own
``response.recorded`` events: each answer is filed after it is stored with its event, never inside
the kiosk's request, and a poll's answers together (each list part and node they touch written
once). Filing is idempotent, so an event delivered again changes nothing; an answer the retention
purge has removed since is not there to file."""
from __future__ import annotations

from cadre_shared.by_id import find_by_ids
from cadre_shared.consumer import ConsumerSpec
from cadre_shared.contracts.survey import TOPIC_RESPONSES

from ..handlers.answer_lists import FIELDS, file_answers
from ..models import Response

RECORDED = frozenset({"response.recorded"})


def file_recorded(events: list[dict]) -> None:
    """The stored answers of ``events``, read by ``_id``, filed in their lists."""
    ids = [str(event["payload"]["response_id"]) for event in events]
    stored = find_by_ids(Response._get_collection(), ids, {field: 1 for field in FIELDS})
    if stored:
        file_answers(stored.values())


ANSWER_LISTS = ConsumerSpec("answer-lists", [TOPIC_RESPONSES], lambda event: file_recorded([event]),
                            event_types=set(RECORDED), ledger_free_types=RECORDED,
                            batch_handler=file_recorded, batch_types=RECORDED,
                            gather_ms=1000)  # a second's answers a batch: parts and nodes written once for them
