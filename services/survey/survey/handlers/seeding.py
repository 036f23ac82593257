"""Recording one kiosk's past answers for the demo (``api.seeding``): each through
``recording.record_response`` as the kiosk's own answer, arriving a second after it was given —
so the answer keeps its time and the quarter it counts in, the burst rule judges it among the
kiosk's answers of that moment, and its event reaches the other services as any answer's."""
from __future__ import annotations

from datetime import timedelta

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError

from .recording import record_response

ARRIVAL = timedelta(seconds=1)


def record_past_answers(kiosk_id: str, unit_id: str, answers: list[dict]) -> dict:
    kiosk = Principal(user_id=f"kiosk:{kiosk_id}", username="", role="kiosk", unit_id=unit_id, kiosk_id=kiosk_id)
    out = {"created": 0, "replayed": 0, "suspect": 0, "refused": []}
    for answer in sorted(answers, key=lambda a: a["answered_at"]):  # the burst rule reads them in time order
        try:
            recorded = record_response(kiosk, answer, None, now=answer["answered_at"] + ARRIVAL)
        except ApiError as exc:  # one answer refused (e.g. an official the service does not know yet)
            out["refused"].append({"response_id": str(answer["response_id"]), "status": exc.status,
                                   "code": exc.code, "message": exc.message})
            continue
        out["created" if recorded.created else "replayed"] += 1
        out["suspect"] += int(recorded.created and bool(recorded.response.suspect))
    return out
