"""Group commit of new answers: within one worker, the answers arriving together are stored
together — every carrier of their events in one unordered insert, then every answer whose
carrier was written in a second one — by the first request thread to reach the store, while the
others wait for it (as the audit trail batches its records). Each request still answers only
once its own answer is stored with its event, and the carrier is still written before its
answer, so no stored answer ever lacks its event; the round trips per answer drop from two to
two per batch. HR's lists of answers are kept from the answers' events, off the request
(``consumers/answer_lists.py``).

What a batch cannot settle is handed back to the request, which goes the one-by-one way of
``recording``: a carrier already under that id (a re-send racing, or one left by another
content), and an answer the unique indexes refused (a replay or a conflict)."""
from __future__ import annotations

from pymongo.errors import BulkWriteError

from cadre_shared.group_commit import GroupCommit

from ..models import Response, ResponseOutbox
from . import figures

STORED, CARRIER_TAKEN, ANSWER_TAKEN = "stored", "carrier_taken", "answer_taken"
DUPLICATE_KEY = 11000


def store(carrier: ResponseOutbox, answer: Response) -> str:
    """Store ``carrier`` then ``answer`` (both validated here, in the request's thread); returns
    STORED, CARRIER_TAKEN (nothing written for this answer) or ANSWER_TAKEN (its carrier is
    written, the answer refused by a unique index). Raises what the store raised."""
    carrier.validate()
    answer.validate()
    return _answers.submit((carrier.to_mongo().to_dict(), answer.to_mongo().to_dict()))


def store_all(pairs: list[tuple[ResponseOutbox, Response]]) -> list[str]:
    """Many answers of one caller at once (the demo's seeding door, handlers/seeding.py): the two
    inserts of a batch, in the caller's thread; an outcome per pair, as ``store`` gives."""
    for carrier, answer in pairs:
        carrier.validate()
        answer.validate()
    return _commit([(carrier.to_mongo().to_dict(), answer.to_mongo().to_dict()) for carrier, answer in pairs])


def _commit(batch: list[tuple[dict, dict]]) -> list[str]:
    outcomes: list[str | None] = [None] * len(batch)
    for index in insert_carriers([carrier for carrier, _ in batch]):
        outcomes[index] = CARRIER_TAKEN
    rest = [index for index, outcome in enumerate(outcomes) if outcome is None]
    taken = insert_answers([batch[index][1] for index in rest])
    for position, index in enumerate(rest):
        outcomes[index] = ANSWER_TAKEN if position in taken else STORED
    if STORED in outcomes:
        figures.answers_stored()  # the satisfaction figures count them from the next read on
    return outcomes


_answers = GroupCommit(lambda batch: _commit(batch))  # looked up at each batch (tests wrap it)


def insert_carriers(docs: list[dict]) -> set[int]:
    return _insert(ResponseOutbox._get_collection(), docs)


def insert_answers(docs: list[dict]) -> set[int]:
    return _insert(Response._get_collection(), docs)


def _insert(collection, docs: list[dict]) -> set[int]:
    """Insert ``docs`` unordered; the indexes of those a unique index refused. Any other error
    of any document raises (the whole batch then fails, as a single insert would have)."""
    if not docs:
        return set()
    try:
        collection.insert_many(docs, ordered=False)
        return set()
    except BulkWriteError as exc:
        errors = exc.details.get("writeErrors", [])
        if any(not _duplicate(error) for error in errors):
            raise
        return {error["index"] for error in errors}


def _duplicate(error: dict) -> bool:
    return error.get("code") == DUPLICATE_KEY or "UNIQUE constraint failed" in str(error.get("errmsg", ""))
