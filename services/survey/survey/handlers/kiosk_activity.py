"""Each kiosk's activity in one document and one atomic write per request to answer: the
request is counted against the kiosk's per-minute limit (``domain.kiosk_rate``) and, once the
answer passed validation, its time is pushed for the burst rule (``domain.burst``) — one
``findAndModify`` returns the counts and times before it, so two answers arriving together each
see the other at most once and no read-then-compare-and-retry is needed (its ``{_id, rev}``
filter made the store read every kiosk's document). The count lived in the gateway's store
before (a second point upsert per answer, in another process); the gateway now states the
limit in the token it forwards (claim ``kiosk_rate``) and writes nothing per answer.

Past windows (a few at a time) and the times the rule no longer needs are dropped now and then, with ``$unset``
of exactly those windows and ``$pullAll`` of exactly those times, so a count or a time written
meanwhile by another answer is never lost."""
from __future__ import annotations

from datetime import datetime
from time import time as clock

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError, PyMongoError

from cadre_shared.errors import ApiError

from ..domain.burst import burst_verdict
from ..domain.kiosk_rate import minute_key, over_limit, past_windows, retry_after
from ..models import KioskActivity
from . import settings

STALE_WINDOWS = 4  # past minutes a kiosk's document may hold before they are dropped
TOO_MANY = "Ki-ốt gửi quá nhiều đánh giá, vui lòng thử lại sau / Too many answers from this kiosk, retry later"


def admit(kiosk_id: str | None, limit: int | None, answered_at: datetime | None) -> bool:
    """Count one request of ``kiosk_id`` against ``limit`` a minute (None: no limit) and, for an answer
    that passed validation (``answered_at`` given), judge it by the burst rule and remember its time.
    Raises 429 + Retry-After beyond the limit (the time is then taken back). Returns whether the
    answer is part of a burst. A request not from a kiosk (a receipt link) writes nothing."""
    if kiosk_id is None or (limit is None and answered_at is None):
        return False
    now = clock()
    minute = minute_key(now)
    update: dict = {}
    if limit is not None:
        update["$inc"] = {f"minutes.{minute}": 1}
    at = answered_at.timestamp() if answered_at is not None else None
    if at is not None:
        update["$push"] = {"recent": at}
    collection = KioskActivity._get_collection()
    try:
        before = collection.find_one_and_update({"_id": kiosk_id}, update, upsert=True,
                                                return_document=ReturnDocument.BEFORE)
    except DuplicateKeyError:  # the kiosk's first two requests at once: the document exists now
        before = collection.find_one_and_update({"_id": kiosk_id}, update, upsert=True,
                                                return_document=ReturnDocument.BEFORE)
    before = before or {}
    minutes, recent = before.get("minutes") or {}, list(before.get("recent") or ())
    suspect, kept = burst_verdict(recent, at, settings.burst_policy()) if at is not None else (False, None)
    _tidy(collection, kiosk_id, recent, kept, minutes, minute)
    if limit is not None and over_limit(minutes.get(minute, 0) + 1, limit):
        if answered_at is not None:
            forget_time(kiosk_id, answered_at)
        raise ApiError(429, TOO_MANY, code="too_many_requests", retry_after=retry_after(now))
    return suspect


def _tidy(collection, kiosk_id: str, recent: list[float], kept: list[float] | None, minutes: dict,
          minute: str) -> None:
    """Drop what the document no longer needs, once there is enough of it (one write, rarely)."""
    update: dict = {}
    if kept is not None and len(recent) + 1 >= 2 * len(kept):
        dropped = sorted(set(recent) - set(kept))
        if dropped:
            update["$pullAll"] = {"recent": dropped}
    past = past_windows(minutes, minute)
    if len(past) >= STALE_WINDOWS or (past and update):  # not a write per kiosk and minute
        update["$unset"] = {f"minutes.{key}": "" for key in past}
    if update:
        collection.update_one({"_id": kiosk_id}, update)


def forget_time(kiosk_id: str, answered_at: datetime) -> None:
    """An answer refused or replayed after its time was remembered is not one more answer (a
    store failing meanwhile leaves the time: the rule is then stricter for a minute, no more)."""
    try:
        KioskActivity._get_collection().update_one({"_id": kiosk_id}, {"$pull": {"recent": answered_at.timestamp()}})
    except PyMongoError:
        pass
