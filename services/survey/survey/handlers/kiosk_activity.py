"""Each kiosk's recent answer times, for the burst rule (``domain.burst``), in one write per
answer: the answer's time is pushed and the times before it come back from the same atomic
``findAndModify``, so two answers arriving together each see the other at most once and no
read-then-compare-and-retry is needed (its ``{_id, rev}`` filter made the store read every
kiosk's document). The list is trimmed to what the rule keeps now and then, with ``$pullAll``
of exactly the times dropped, so a time pushed meanwhile by another answer is never lost."""
from __future__ import annotations

from datetime import datetime

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError, PyMongoError

from ..domain.burst import burst_verdict
from ..models import KioskActivity
from . import settings


def judge_and_remember(kiosk_id: str, answered_at: datetime) -> bool:
    """Whether the answer given at ``answered_at`` is part of a burst; its time is remembered."""
    at = answered_at.timestamp()
    collection = KioskActivity._get_collection()
    update = ({"_id": kiosk_id}, {"$push": {"recent": at}})
    try:
        before = collection.find_one_and_update(*update, upsert=True, return_document=ReturnDocument.BEFORE)
    except DuplicateKeyError:  # the kiosk's first two answers at once: the document exists now
        before = collection.find_one_and_update(*update, upsert=True, return_document=ReturnDocument.BEFORE)
    recent = list(before["recent"]) if before else []
    suspect, kept = burst_verdict(recent, at, settings.burst_policy())
    if len(recent) + 1 >= 2 * len(kept):
        dropped = sorted(set(recent) - set(kept))
        if dropped:
            collection.update_one({"_id": kiosk_id}, {"$pullAll": {"recent": dropped}})
    return suspect


def forget_time(kiosk_id: str, answered_at: datetime) -> None:
    """An answer refused or replayed after its time was remembered is not one more answer (a
    store failing meanwhile leaves the time: the rule is then stricter for a minute, no more)."""
    try:
        KioskActivity._get_collection().update_one({"_id": kiosk_id}, {"$pull": {"recent": answered_at.timestamp()}})
    except PyMongoError:
        pass
