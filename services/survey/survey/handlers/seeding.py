"""Recording one kiosk's past answers for the demo (``api.seeding``), as the kiosk's own answers
arriving a second after they were given — so each keeps its time and the quarter it counts in —
validated as ``recording.record_response`` validates, with their events written before them as
every answer's. New answers are stored together (one insert of their events, one of the answers,
as the kiosk path's group commit does); the burst rule judges each among the batch's earlier
answers (the seeder sends a kiosk's answers in time order). What the batch cannot settle — an
answer already stored (a resumed seed), an official the service does not know — goes the kiosk's
one-by-one way, which answers a replay or refuses."""
from __future__ import annotations

from datetime import timedelta

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError

from ..domain.burst import burst_verdict
from . import answer_batch, settings
from .recording import BURST_REASON, checked_response, record_response, stage_suspect_case
from .response_carrier import carrier_of

ARRIVAL = timedelta(seconds=1)


def record_past_answers(kiosk_id: str, unit_id: str, answers: list[dict]) -> dict:
    kiosk = Principal(user_id=f"kiosk:{kiosk_id}", username="", role="kiosk", unit_id=unit_id, kiosk_id=kiosk_id)
    out = {"created": 0, "replayed": 0, "suspect": 0, "refused": []}
    policy, recent, fresh, one_by_one = settings.burst_policy(), [], [], []
    for answer in sorted(answers, key=lambda a: a["answered_at"]):
        try:
            response = checked_response(kiosk, answer, answer["answered_at"] + ARRIVAL, suspect=False)
        except ApiError:
            one_by_one.append(answer)
            continue
        response.suspect, recent = burst_verdict(recent, response.answered_at.timestamp(), policy)
        response.suspect_reason = BURST_REASON if response.suspect else None
        fresh.append((answer, response))
    outcomes = answer_batch.store_all([(carrier_of(r), r) for _a, r in fresh]) if fresh else []
    for (answer, response), outcome in zip(fresh, outcomes):
        if outcome != answer_batch.STORED:
            one_by_one.append(answer)
            continue
        out["created"] += 1
        if response.suspect:
            out["suspect"] += 1
            stage_suspect_case(response)
    for answer in one_by_one:
        _one(kiosk, answer, out)
    return out


def _one(kiosk: Principal, answer: dict, out: dict) -> None:
    try:
        recorded = record_response(kiosk, answer, None, now=answer["answered_at"] + ARRIVAL)
    except ApiError as exc:
        out["refused"].append({"response_id": str(answer["response_id"]), "status": exc.status,
                               "code": exc.code, "message": exc.message})
        return
    out["created" if recorded.created else "replayed"] += 1
    out["suspect"] += int(recorded.created and bool(recorded.response.suspect))
