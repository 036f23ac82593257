"""What happens to each request a kiosk (or a receipt link) makes: the device token checked
against its hash (cached per worker), and a short-lived internal token minted for the survey
service, which checks the signature and the unit itself. The token states the kiosk's rate limit
(claim ``kiosk_rate``): the survey counts each kiosk's requests in the document where it keeps the
kiosk's answer times for the burst rule, in the one write it does for that rule anyway, so the
gateway writes nothing to the store per answer (it counted them with a point upsert of its own)."""
from __future__ import annotations

import threading
import time
from datetime import datetime, timezone

from flask import current_app

from cadre_shared.errors import ApiError

from ..auth.keys import private_key
from ..domain.kiosk_access import INTERNAL_TTL_SECONDS, looks_like_kiosk_token
from ..domain.tokens import issue_access_token, secret_hash
from ..models.kiosk import Kiosk
from . import settings

INVALID_DEVICE = "Ki-ốt chưa được đăng ký hoặc đã bị thu hồi / Kiosk not enrolled or revoked"

_lock = threading.Lock()
_kiosks_by_hash: dict[str, tuple[float, dict | None]] = {}  # token hash → (fetched at, kiosk or None)
_internal_tokens: dict[str, tuple[float, str]] = {}  # subject → (expires at, token)
_seen: dict[str, float] = {}  # kiosk id → when last_seen_at was last written


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


def internal_token(subject: str, *, unit_id: str, kiosk_id: str | None = None,
                   cadre_id: str | None = None, username: str = "", reuse: bool = True) -> str:
    """A ``kiosk`` access token for the hop to the survey service; a kiosk's is reused while
    fresh enough (a receipt's is used once, so it is not kept) and states the kiosk's limit of
    requests to answer a minute, which the survey enforces (429 + Retry-After beyond it)."""
    now = time.time()
    cached = _internal_tokens.get(subject) if reuse else None
    if cached is not None and cached[0] - now > INTERNAL_TTL_SECONDS / 2:
        return cached[1]
    cfg = current_app.config
    token = issue_access_token(private_key(cfg), subject=subject, username=username, role="kiosk",
                               audience=cfg["JWT_AUDIENCE"], issuer=cfg["JWT_ISSUER"], unit_id=unit_id,
                               kiosk_id=kiosk_id, cadre_id=cadre_id, ttl=INTERNAL_TTL_SECONDS,
                               kiosk_rate=settings.number("KIOSK_RATE_PER_MINUTE") if kiosk_id else None)
    if reuse:
        _internal_tokens[subject] = (now + INTERNAL_TTL_SECONDS, token)
    return token
