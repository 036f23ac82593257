"""Access tokens the gateway signs (EdDSA) for people and devices."""
from __future__ import annotations

import time
import uuid

import jwt

ACCESS_TTL_SECONDS = 900


def issue_access_token(private_key: str, *, subject: str, username: str, role: str, audience: str, issuer: str,
                       unit_id: str | None = None, cadre_id: str | None = None, kiosk_id: str | None = None,
                       ttl: int = ACCESS_TTL_SECONDS) -> str:
    now = int(time.time())
    claims = {"sub": subject, "username": username, "role": role, "aud": audience, "iss": issuer,
              "iat": now, "nbf": now, "exp": now + ttl, "jti": str(uuid.uuid4()), "typ": "access"}
    for name, value in (("unit_id", unit_id), ("cadre_id", cadre_id), ("kiosk_id", kiosk_id)):
        if value:
            claims[name] = value
    return jwt.encode(claims, private_key, algorithm="EdDSA")
