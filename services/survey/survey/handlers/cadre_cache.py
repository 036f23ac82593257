"""Each cadre's copy as an answer needs it (unit, status, posts), kept per process for a few
seconds: a counter's kiosks send answers about the same few officials all day, and reading
the copy for each answer was one store round trip of the answer's path.

The copy itself follows the registry's events (seconds behind it); the cache adds at most
``TTL_SECONDS`` to that in a web worker, and nothing in a process that applies the events
(the consumer forgets the cadre it changed). An unknown id is never cached, so an official
added a moment ago is found as soon as the copy has them."""
from __future__ import annotations

import threading
import time
from typing import NamedTuple

from ..models import CadreCopy

TTL_SECONDS = 5.0
MAX_ENTRIES = 100_000  # a province's cadres several times over; cleared whole beyond it

_lock = threading.Lock()
_copies: dict[str, tuple[float, "CadreState"]] = {}


class CadreState(NamedTuple):
    unit_id: str | None
    status: str | None
    posts: list[dict]


def cadre_state(cadre_id: str) -> CadreState | None:
    now = time.monotonic()
    cached = _copies.get(cadre_id)
    if cached is not None and now - cached[0] < TTL_SECONDS:
        return cached[1]
    raw = CadreCopy._get_collection().find_one({"_id": cadre_id}, {"unit_id": 1, "status": 1, "posts": 1})
    if raw is None:
        return None
    state = CadreState(raw.get("unit_id"), raw.get("status"), list(raw.get("posts") or ()))
    with _lock:
        if len(_copies) >= MAX_ENTRIES:
            _copies.clear()
        _copies[cadre_id] = (now, state)
    return state


def forget(cadre_id: str) -> None:
    with _lock:
        _copies.pop(cadre_id, None)
