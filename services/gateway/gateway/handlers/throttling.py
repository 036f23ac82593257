"""Counting failed sign-ins per username and per client address, in the store."""
from __future__ import annotations

from datetime import datetime, timedelta

from ..domain.throttle import ThrottlePolicy, blocked_for
from ..models.throttle import SignInCounter


def keys_for(username: str, ip: str) -> dict[str, str]:
    return {"user": f"user:{username[:64]}", "ip": f"ip:{ip}"}


def seconds_blocked(keys: dict[str, str], policies_: dict[str, ThrottlePolicy], now: datetime) -> int:
    counters = {c.id: c for c in SignInCounter.objects(id__in=list(keys.values()))}
    waits = [blocked_for(counters[key].failures, counters[key].window_started, now, policies_[kind])
             for kind, key in keys.items() if key in counters]
    return max(waits, default=0)


def count_failure(keys: dict[str, str], policies_: dict[str, ThrottlePolicy], now: datetime) -> None:
    coll = SignInCounter._get_collection()
    for kind, key in keys.items():
        window_opened_after = now - timedelta(seconds=policies_[kind].window_seconds)
        counted = coll.update_one({"_id": key, "window_started": {"$gt": window_opened_after}},
                                  {"$inc": {"failures": 1}})
        if counted.matched_count == 0:
            coll.update_one({"_id": key}, {"$set": {"failures": 1, "window_started": now}}, upsert=True)
    # Counters of windows long gone are purged here, by the traffic that creates them.
    coll.delete_many({"window_started": {"$lt": now - timedelta(days=1)}})


def clear_user(keys: dict[str, str]) -> None:
    SignInCounter.objects(id=keys["user"]).delete()
