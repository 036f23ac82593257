"""What happens to each request a kiosk (or a receipt link) makes: the device token checked
against its hash, the per-kiosk rate limit, and a short-lived internal token minted for the
survey service, which checks the signature and the unit itself."""
from __future__ import annotations

import threading
import time
from datetime import datetime, timezone

from flask import current_app, g
from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from cadre_shared.errors import ApiError

from ..auth.keys import private_key
from ..domain.kiosk_access import INTERNAL_TTL_SECONDS, looks_like_kiosk_token, over_limit, rate_window
from ..domain.tokens import issue_access_token, secret_hash
from ..models.kiosk import Kiosk, KioskWindow
from . import settings

INVALID_DEVICE = "Ki-ốt chưa được đăng ký hoặc đã bị thu hồi / Kiosk not enrolled or revoked"
TOO_MANY = "Ki-ốt gửi quá nhiều đánh giá, vui lòng thử lại sau / Too many answers from this kiosk, retry later"

_lock = threading.Lock()
_kiosks_by_hash: dict[str, tuple[float, dict | None]] = {}  # token hash → (fetched at, kiosk or None)
_internal_tokens: dict[str, tuple[float, str]] = {}  # subject → (expires at, token)
_seen: dict[str, float] = {}  # kiosk id → when last_seen_at was last written
_purged_before = 0  # windows starting before this were dropped by this worker


def forget(token_hash: str) -> None:
    """Drop a revoked kiosk from this worker's cache at once (other workers drop it within
    ``KIOSK_CACHE_SECONDS``)."""
    with _lock:
        _kiosks_by_hash.pop(token_hash, None)


def kiosk_of_token(token: str) -> dict:
    """The enrolled, unrevoked kiosk holding ``token`` (cached briefly per worker); 401 otherwise."""
    if not looks_like_kiosk_token(token):
        raise ApiError(401, INVALID_DEVICE, code="invalid_kiosk_token")
    digest = secret_hash(token)
    now = time.monotonic()
    cached = _kiosks_by_hash.get(digest)
    if cached is None or now - cached[0] > settings.number("KIOSK_CACHE_SECONDS"):
        found = Kiosk.objects(token_hash=digest).first()
        snapshot = None if found is None or not found.active else {
            "id": found.id, "unit_id": found.unit_id, "name": found.name}
        cached = (now, snapshot)
        with _lock:
            _kiosks_by_hash[digest] = cached
    if cached[1] is None:
        raise ApiError(401, INVALID_DEVICE, code="invalid_kiosk_token")
    _note_seen(cached[1]["id"])
    return cached[1]


def _note_seen(kiosk_id: str) -> None:
    now = time.monotonic()
    if now - _seen.get(kiosk_id, -1e9) >= 60:
        _seen[kiosk_id] = now
        Kiosk.objects(id=kiosk_id).update_one(set__last_seen_at=datetime.now(timezone.utc))


def count_submission(kiosk_id: str) -> None:
    """Fixed-window limit per kiosk, shared by all workers; 429 with Retry-After beyond it.

    One point upsert per answer, exact across workers and gateways: a count kept in memory and
    flushed now and then would let a kiosk whose requests spread over W workers pass up to W
    times its limit before a flush (or, with per-worker shares, refuse an honest one early)."""
    now = time.time()
    window = rate_window(now)
    counters = KioskWindow._get_collection()
    update = ({"_id": f"{kiosk_id}:{window.key_part}"},
              {"$inc": {"count": 1}, "$setOnInsert": {"kiosk_id": kiosk_id, "window": window.start}})
    try:
        doc = counters.find_one_and_update(*update, upsert=True, return_document=ReturnDocument.AFTER)
    except DuplicateKeyError:  # two workers opened the window at once: it exists now, count again
        doc = counters.find_one_and_update(*update, upsert=True, return_document=ReturnDocument.AFTER)
    _drop_old_windows(counters, window.start)
    if over_limit(doc["count"], settings.number("KIOSK_RATE_PER_MINUTE")):
        g.retry_after = window.retry_after(now)
        raise ApiError(429, TOO_MANY, code="too_many_requests")


def _drop_old_windows(counters, current_start: int) -> None:
    """Once per window and worker, drop every kiosk's earlier windows in one pass (the store reads
    the whole small collection for it), not once per kiosk and window as each kiosk's first
    answer of a minute did."""
    global _purged_before
    if _purged_before >= current_start:
        return
    _purged_before = current_start
    counters.delete_many({"window": {"$lt": current_start}})


def internal_token(subject: str, *, unit_id: str, kiosk_id: str | None = None,
                   cadre_id: str | None = None, username: str = "", reuse: bool = True) -> str:
    """A ``kiosk`` access token for the hop to the survey service; a kiosk's is reused while
    fresh enough (a receipt's is used once, so it is not kept)."""
    now = time.time()
    cached = _internal_tokens.get(subject) if reuse else None
    if cached is not None and cached[0] - now > INTERNAL_TTL_SECONDS / 2:
        return cached[1]
    cfg = current_app.config
    token = issue_access_token(private_key(cfg), subject=subject, username=username, role="kiosk",
                               audience=cfg["JWT_AUDIENCE"], issuer=cfg["JWT_ISSUER"], unit_id=unit_id,
                               kiosk_id=kiosk_id, cadre_id=cadre_id, ttl=INTERNAL_TTL_SECONDS)
    if reuse:
        _internal_tokens[subject] = (now + INTERNAL_TTL_SECONDS, token)
    return token
