"""Counting failed sign-ins per (username, client address) and per client address, in the store."""
from __future__ import annotations

from datetime import datetime, timedelta

from pymongo import ReturnDocument

from ..domain.throttle import ProgressiveDelay, ThrottlePolicy, blocked_for, seconds_until
from ..models.throttle import SignInCounter

Policies = dict[str, ThrottlePolicy | ProgressiveDelay]


def keys_for(username: str, ip: str) -> dict[str, str]:
    return {"pair": f"pair:{ip}|{username[:64]}", "ip": f"ip:{ip}"}


def seconds_blocked(keys: dict[str, str], policies: Policies, now: datetime) -> int:
    waits = []
    for kind, key in keys.items():
        counter = SignInCounter.objects(id=key).first()  # a point read by _id
        if counter is None:
            continue
        if kind == "pair":
            waits.append(seconds_until(counter.blocked_until, now))
        else:
            waits.append(blocked_for(counter.failures, counter.window_started, now, policies[kind]))
    return max(waits, default=0)


def _counted(coll, key: str, window_seconds: int, now: datetime) -> int:
    """Failures of ``key`` in its current window, this one included (a new window when the last one ended)."""
    window_opened_after = now - timedelta(seconds=window_seconds)
    counter = coll.find_one_and_update({"_id": key, "window_started": {"$gt": window_opened_after}},
                                       {"$inc": {"failures": 1}}, return_document=ReturnDocument.AFTER)
    if counter is not None:
        return counter["failures"]
    coll.update_one({"_id": key}, {"$set": {"failures": 1, "window_started": now, "blocked_until": None}},
                    upsert=True)
    return 1


def count_failure(keys: dict[str, str], policies: Policies, now: datetime) -> None:
    coll = SignInCounter._get_collection()
    for kind, key in keys.items():
        failures = _counted(coll, key, policies[kind].window_seconds, now)
        if kind == "pair":
            delay = policies[kind].delay_after(failures)
            if delay:
                coll.update_one({"_id": key}, {"$set": {"blocked_until": now + timedelta(seconds=delay)}})
    # Counters of windows long gone are purged here, by the traffic that creates them.
    longest = max(policy.window_seconds for policy in policies.values())
    coll.delete_many({"window_started": {"$lt": now - timedelta(seconds=longest)}})


def clear_pair(keys: dict[str, str]) -> None:
    """A successful sign-in forgets that pair's failures (the address's count stays)."""
    SignInCounter.objects(id=keys["pair"]).delete()
