"""Tokens signed as the gateway signs them, for a service called in-process: an access token for
any role and scope, and the pair a phone opened from a receipt link sends."""
from __future__ import annotations

import time
import uuid
from pathlib import Path

import jwt

from cadre_shared.auth import generate_keypair
from gateway.domain.tokens import issue_access_token

AUDIENCE, ISSUER = "cadre360", "cadre360-gateway"


class GatewayTokens:
    """A key pair of its own; the service under test is given ``public_key``."""

    def __init__(self, key_dir: Path):
        private, public = generate_keypair(key_dir)
        self.private_key, self.public_key = private.read_text(), public.read_text()

    def token(self, role: str, subject: str | None = None, **claims) -> str:
        """``subject`` names the account (default ``user-<role>``: one account per role)."""
        return issue_access_token(self.private_key, subject=subject or f"user-{role}", username=f"{role}.test",
                                  role=role, audience=AUDIENCE, issuer=ISSUER, **claims)

    def headers(self, role: str = "province_admin", subject: str | None = None, **claims) -> dict:
        return {"Authorization": "Bearer " + self.token(role, subject, **claims)}

    def kiosk(self, unit_id: str, kiosk_id: str | None = None) -> dict:
        """Headers of a kiosk of ``unit_id``, as the gateway forwards its requests."""
        return self.headers("kiosk", f"kiosk-{uuid.uuid4().hex[:6]}", unit_id=unit_id,
                            kiosk_id=kiosk_id or f"k-{uuid.uuid4().hex[:8]}")

    def receipt(self, unit_id: str, cadre_id: str, dossier_code: str, procedure_code: str | None = None,
                key: str | None = None, ttl: int = 3600) -> dict:
        """Headers of a phone opened from a receipt link, as the gateway forwards it (signed with
        ``key`` instead of the gateway's own to play a forger)."""
        now = int(time.time())
        claims = {"typ": "receipt", "sub": f"receipt:{uuid.uuid4()}", "aud": AUDIENCE, "iss": ISSUER, "iat": now,
                  "nbf": now, "exp": now + ttl, "unit_id": unit_id, "cadre_id": cadre_id,
                  "dossier_code": dossier_code}
        if procedure_code:
            claims["procedure_code"] = procedure_code
        signed = jwt.encode(claims, key or self.private_key, algorithm="EdDSA")
        internal = self.token("kiosk", f"kiosk-{uuid.uuid4().hex[:6]}", unit_id=unit_id, cadre_id=cadre_id)
        return {"Authorization": "Bearer " + internal, "X-C360-Receipt": signed}
