"""The citizens' answers published again after a restore from backup, for the evaluation's satisfaction
copy (one fact per response id, emptied by ``cadre_shared.restore prepare evaluation``): each stored
response's ``response.recorded`` event and each decided suspect case's ``response.reviewed``, as when
they were first written. The copy keeps a fact per response id, so an answer whose event comes twice
(its own carrier was still waiting at backup time) is counted once, and a review meets its answer in
either order.

A province holds about a million answers: they go out in batches (``RepublishedAnswers``, ``PER_BATCH``
events to a document) and at most ``AHEAD`` batches wait for the relay at a time, so the collection the
relay reads stays small and the store is read once, in one pass."""
from __future__ import annotations

import time
import uuid
from collections.abc import Callable

from cadre_shared.envelope import make_event
from cadre_shared.restore import stage

from ..models import RepublishedAnswers, Response, SuspectCase
from .response_carrier import PRODUCER, recorded_payload
from .reviewing import reviewed_event

PER_BATCH = 500
AHEAD = 8
PROGRESS_EVERY = 20  # batches (10,000 answers) between two progress lines
WAIT_NOTICE = 30.0  # seconds without the relay taking a batch before saying so
NOT_IN_EVENT = ("comment", "content_hash", "dossier_key")


def republish_answers(progress: Callable[[str], None], wait: Callable[[float], None] = time.sleep) -> dict:
    """Stage every stored answer's and every decided review's event again; how many of each."""
    run = uuid.uuid4().hex[:8]  # no total first: counting reads every answer on the embedded store
    answers, batches, batch = 0, 0, []
    for response in Response.objects.exclude(*NOT_IN_EVENT).no_cache().batch_size(PER_BATCH):
        batch.append(make_event("response.recorded", 1, response.cadre_id, recorded_payload(response), PRODUCER))
        if len(batch) == PER_BATCH:
            answers, batches = answers + _send(run, batches, batch, progress, wait), batches + 1
            batch = []
            if batches % PROGRESS_EVERY == 0:
                progress(f"answers staged again: {answers}")
    if batch:
        answers, batches = answers + _send(run, batches, batch, progress, wait), batches + 1
    progress(f"answers staged again: {answers}, all of them")
    reviews = sum(stage(SuspectCase, case.id, [reviewed_event(case, case.status, case.decided_by)])
                  for case in SuspectCase.objects(status__in=["cleared", "rejected"]).exclude("outbox", "comment"))
    return {"answers": answers, "reviews": reviews}


def _send(run: str, number: int, events: list[dict], progress: Callable[[str], None],
          wait: Callable[[float], None]) -> int:
    """Write one batch once fewer than ``AHEAD`` wait for the relay; the number of its events."""
    carriers, waited = RepublishedAnswers._get_collection(), 0.0
    while carriers.count_documents({}) >= AHEAD:
        wait(0.2)
        waited += 0.2
        if waited >= WAIT_NOTICE:
            progress("waiting for the survey's outbox relay (is `cadre_shared.workers survey relay` running?)")
            waited = 0.0
    carriers.insert_one({"_id": f"{run}|{number:06d}", "outbox": events, "outbox_pending": len(events)})
    return len(events)
