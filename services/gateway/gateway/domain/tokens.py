"""Credentials the gateway hands out: signed access tokens (EdDSA JWT) for people and
devices, and opaque secrets (refresh tokens, web-session cookies) kept only as hashes."""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time
import uuid

import jwt

ACCESS_TTL_SECONDS = 900


def issue_access_token(private_key: str, *, subject: str, username: str, role: str, audience: str, issuer: str,
                       unit_id: str | None = None, cadre_id: str | None = None, kiosk_id: str | None = None,
                       session_id: str | None = None, ttl: int = ACCESS_TTL_SECONDS,
                       kiosk_rate: int | None = None) -> str:
    now = int(time.time())
    claims = {"sub": subject, "username": username, "role": role, "aud": audience, "iss": issuer,
              "iat": now, "nbf": now, "exp": now + ttl, "jti": str(uuid.uuid4()), "typ": "access"}
    for name, value in (("unit_id", unit_id), ("cadre_id", cadre_id), ("kiosk_id", kiosk_id),
                        ("sid", session_id)):
        if value:
            claims[name] = value
    if kiosk_rate is not None:  # a kiosk's requests to answer allowed per minute (the survey counts them)
        claims["kiosk_rate"] = int(kiosk_rate)
    return jwt.encode(claims, private_key, algorithm="EdDSA")


def new_session_credential() -> tuple[str, str, str]:
    """(session id, secret, "<id>.<secret>"): the id is stored in clear, the secret only as a hash."""
    session_id, secret = secrets.token_urlsafe(18), secrets.token_urlsafe(32)
    return session_id, secret, f"{session_id}.{secret}"


def split_credential(credential: str) -> tuple[str, str] | None:
    """"<id>.<secret>" → (id, secret), or None when it has another shape."""
    session_id, dot, secret = (credential or "").partition(".")
    if not dot or not (8 <= len(session_id) <= 64) or not (16 <= len(secret) <= 128):
        return None
    return session_id, secret


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def secret_matches(stored_hash: str | None, secret: str) -> bool:
    return bool(stored_hash) and hmac.compare_digest(stored_hash, secret_hash(secret))
