"""The carrier of a response's ``response.recorded`` event (``ResponseOutbox``): written before
the response, refreshed while a request stores or replays it, replaced by the stored answer's
own when another content left one under the same id, removed when the response is refused."""
from __future__ import annotations

from datetime import datetime, timezone

from mongoengine.errors import NotUniqueError

from cadre_shared.envelope import make_event
from cadre_shared.errors import ApiError

from ..models import Response, ResponseOutbox

PRODUCER = "survey"
SEND_AGAIN = "Máy chủ đang bận, vui lòng gửi lại / busy, please send again"


def stage_event(response: Response, replace_other: bool = False, attempts: int = 5) -> bool:
    """Write the response's ``response.recorded`` event to its outbox; True when this call
    wrote it. An outbox already waiting under this id with this content has its time refreshed,
    so the relay cannot drop it as an orphan while this request stores (or replays) the response;
    an event re-staged after publication is absorbed downstream (facts keyed by response id).
    One with other content is left alone while the answer may still be either (two requests
    racing), and replaced (``replace_other``) once this content is the stored one."""
    collection = ResponseOutbox._get_collection()
    for _ in range(attempts):
        outbox = carrier_of(response)
        try:
            outbox.save(force_insert=True)
            return True
        except NotUniqueError:
            if collection.update_one({"_id": response.id, "content_hash": response.content_hash},
                                     {"$set": {"staged_at": outbox.staged_at}}).matched_count:
                return False  # still waiting for the relay
            if not replace_other:
                if collection.count_documents({"_id": response.id}, limit=1):
                    return False  # another content's carrier: whichever answer is stored decides
                continue  # the relay removed it between the two writes: write it again
            replaced = collection.replace_one({"_id": response.id, "content_hash": {"$ne": response.content_hash}},
                                              outbox.to_mongo().to_dict())
            if replaced.matched_count:
                return True
    raise ApiError(503, SEND_AGAIN, code="busy", retry_after=1)


def carrier_of(response: Response) -> ResponseOutbox:
    """The carrier of the response's ``response.recorded`` event, not yet written."""
    outbox = ResponseOutbox(id=response.id, content_hash=response.content_hash,
                            staged_at=to_millis(datetime.now(timezone.utc)))
    outbox.stage_event(make_event("response.recorded", 1, response.cadre_id, recorded_payload(response), PRODUCER))
    return outbox


def unstage_event(response: Response) -> None:
    """Remove the event this request staged for a response that was then refused."""
    ResponseOutbox._get_collection().delete_one({"_id": response.id, "content_hash": response.content_hash})


def recorded_payload(response: Response) -> dict:
    return {
        "response_id": response.id, "cadre_id": response.cadre_id, "unit_id": response.unit_id,
        "kiosk_id": response.kiosk_id, "procedure_code": response.procedure_code, "overall": response.overall,
        "indicators": dict(response.indicators or {}), "quarter": response.quarter, "month": response.month,
        "submitted_at": aware(response.answered_at).isoformat(), "counted": not response.suspect,
    }


def to_millis(moment: datetime) -> datetime:
    """The store keeps milliseconds; answering with what will be read back keeps replays identical."""
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
