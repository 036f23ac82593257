"""API keys for the training school's own system: a province administrator creates one (the secret is
returned once, only its hash kept) and revokes it; the gateway accepts a key, as ``Authorization:
Bearer <key>`` or ``X-Api-Key: <key>``, for the upload calls only, and forwards them to the training
service with a short-lived internal token of the ``training_school`` role."""
from __future__ import annotations

import time
from datetime import datetime, timezone

from flask import current_app, request

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError

from ..auth.keys import private_key
from ..domain.api_keys import ROLE, SCOPE_UPLOADS, SHOWN_PREFIX, allowed, looks_like_api_key, new_api_key
from ..domain.tokens import issue_access_token, secret_hash
from ..models.api_keys import ApiKey

INVALID_KEY = "Khóa API không hợp lệ hoặc đã bị thu hồi / Invalid or revoked API key"
NOT_IN_SCOPE = "Khóa API chỉ dùng để tải lên kết quả bồi dưỡng / This API key may only upload course results"
INTERNAL_TTL_SECONDS = 120
_last_seen: dict[str, float] = {}  # key id → when last_used_at was last written by this worker


def create(principal: Principal, name: str) -> tuple[ApiKey, str]:
    """A new key for uploads and its secret (shown once)."""
    secret = new_api_key()
    key = ApiKey(name=name, key_hash=secret_hash(secret), prefix=secret[:SHOWN_PREFIX], scopes=[SCOPE_UPLOADS],
                 created_by=principal.username)
    key.save(force_insert=True)
    return key, secret


def revoke(principal: Principal, key_id: str) -> ApiKey:
    key = ApiKey.objects(id=key_id).first()
    if key is None:
        raise ApiError(404)
    ApiKey.objects(id=key.id, revoked_at=None).update_one(set__revoked_at=datetime.now(timezone.utc),
                                                          set__revoked_by=principal.username)
    return ApiKey.objects(id=key.id).first()


def listed() -> list[ApiKey]:
    return list(ApiKey.objects.order_by("-created_at"))


def presented_key() -> str | None:
    """The API key of this request, if it carries one (``X-Api-Key``, or a bearer credential shaped like a key)."""
    header = request.headers.get("X-Api-Key", "").strip()
    if header:
        return header
    scheme, _, credential = request.headers.get("Authorization", "").partition(" ")
    credential = credential.strip()
    return credential if scheme.lower() == "bearer" and looks_like_api_key(credential) else None


def authorize(secret: str) -> tuple[ApiKey, str]:
    """The active key holding ``secret`` (401 otherwise) and, when this call is in its scope (403
    otherwise), the internal token to forward it with."""
    key = ApiKey.objects(key_hash=secret_hash(secret)).first() if looks_like_api_key(secret) else None
    if key is None or not key.active:
        raise ApiError(401, INVALID_KEY, code="invalid_api_key")
    if not allowed(key.scopes, request.method, request.path):
        raise ApiError(403, NOT_IN_SCOPE, code="forbidden")
    _note_used(key)
    cfg = current_app.config
    token = issue_access_token(private_key(cfg), subject=f"apikey:{key.id}", username=key.name, role=ROLE,
                               audience=cfg["JWT_AUDIENCE"], issuer=cfg["JWT_ISSUER"], ttl=INTERNAL_TTL_SECONDS)
    return key, token


def _note_used(key: ApiKey) -> None:
    now = time.monotonic()
    if now - _last_seen.get(key.id, -1e9) >= 60:
        _last_seen[key.id] = now
        ApiKey.objects(id=key.id).update_one(set__last_used_at=datetime.now(timezone.utc))
