"""Group commit of new answers: within one worker, the answers arriving together are stored
together — every carrier of their events in one unordered insert, then every answer whose
carrier was written in a second one — by the first request thread to reach the store, while the
others wait for it (as the audit trail batches its records). Each request still answers only
once its own answer is stored with its event, and the carrier is still written before its
answer, so no stored answer ever lacks its event; the round trips per answer drop from two to
two per batch.

What a batch cannot settle is handed back to the request, which goes the one-by-one way of
``recording``: a carrier already under that id (a re-send racing, or one left by another
content), and an answer the unique indexes refused (a replay or a conflict)."""
from __future__ import annotations

import threading

from pymongo.errors import BulkWriteError

from ..models import Response, ResponseOutbox

STORED, CARRIER_TAKEN, ANSWER_TAKEN = "stored", "carrier_taken", "answer_taken"
DUPLICATE_KEY = 11000


class _Ticket:
    __slots__ = ("carrier", "answer", "outcome", "error", "done")

    def __init__(self, carrier: dict, answer: dict):
        self.carrier, self.answer, self.outcome, self.error, self.done = carrier, answer, None, None, False


_queue_lock = threading.Lock()  # guards _queued
_commit_lock = threading.Lock()  # one batch at a time per worker
_queued: list[_Ticket] = []


def store(carrier: ResponseOutbox, answer: Response) -> str:
    """Store ``carrier`` then ``answer`` (both validated here, in the request's thread); returns
    STORED, CARRIER_TAKEN (nothing written for this answer) or ANSWER_TAKEN (its carrier is
    written, the answer refused by a unique index). Raises what the store raised."""
    carrier.validate()
    answer.validate()
    ticket = _Ticket(carrier.to_mongo().to_dict(), answer.to_mongo().to_dict())
    with _queue_lock:
        _queued.append(ticket)
    with _commit_lock:
        if not ticket.done:  # nobody stored it while this thread waited: store everything queued
            with _queue_lock:
                batch = _queued[:]
                _queued.clear()
            try:
                _commit(batch)
            except Exception as exc:  # noqa: BLE001 — every waiting request learns of the failure
                for t in batch:
                    if not t.done:
                        t.error, t.done = exc, True
    if ticket.error is not None:
        raise ticket.error
    return ticket.outcome


def _commit(batch: list[_Ticket]) -> None:
    refused = insert_carriers([t.carrier for t in batch])
    for index in refused:
        batch[index].outcome, batch[index].done = CARRIER_TAKEN, True
    rest = [t for t in batch if not t.done]
    taken = insert_answers([t.answer for t in rest])
    for index, ticket in enumerate(rest):
        ticket.outcome, ticket.done = (ANSWER_TAKEN if index in taken else STORED), True


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
