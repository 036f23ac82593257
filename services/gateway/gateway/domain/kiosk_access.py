"""Rules of kiosk credentials: who manages a unit's kiosks, the opaque device token, the per-kiosk
rate limit, and the signed receipt link that lets a citizen answer from a phone for one official
and one dossier."""
from __future__ import annotations

import secrets
import time
import uuid
from dataclasses import dataclass

TOKEN_PREFIX = "kiosk_"
RECEIPT_TTL_SECONDS = 14 * 24 * 3600  # a citizen may answer within two weeks of the receipt
INTERNAL_TTL_SECONDS = 120  # the token a kiosk request carries from the gateway to the survey service
KIOSK_MANAGERS = ("province_admin", "unit_hr")


def may_manage_kiosks_of(role: str, own_unit_id: str | None, unit_id: str | None) -> bool:
    """A province administrator enrols and revokes kiosks for any unit; a unit's HR only for their own."""
    if role == "province_admin":
        return True
    return role == "unit_hr" and own_unit_id is not None and own_unit_id == unit_id


def new_kiosk_token() -> str:
    """An opaque bearer secret (256 bits); only its hash is stored."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def looks_like_kiosk_token(value: str) -> bool:
    return value.startswith(TOKEN_PREFIX) and 20 <= len(value) <= 100


@dataclass(frozen=True)
class RateWindow:
    start: int  # epoch seconds, a multiple of ``seconds``
    seconds: int

    @property
    def key_part(self) -> str:
        return str(self.start)

    def retry_after(self, now: float) -> int:
        return max(1, int(self.start + self.seconds - now + 0.999))


def rate_window(now: float, seconds: int = 60) -> RateWindow:
    """The fixed window ``now`` falls in."""
    return RateWindow(int(now // seconds) * seconds, seconds)


def over_limit(count_in_window: int, limit: int) -> bool:
    """The ``limit + 1``-th submission of a window is refused."""
    return count_in_window > limit


def receipt_claims(*, unit_id: str, cadre_id: str, dossier_code: str, procedure_code: str | None,
                   audience: str, issuer: str, now: float | None = None,
                   ttl: int = RECEIPT_TTL_SECONDS) -> dict:
    now = int(now if now is not None else time.time())
    claims = {"typ": "receipt", "sub": f"receipt:{uuid.uuid4()}", "aud": audience, "iss": issuer,
              "iat": now, "nbf": now, "exp": now + ttl, "unit_id": unit_id, "cadre_id": cadre_id,
              "dossier_code": dossier_code}
    if procedure_code:
        claims["procedure_code"] = procedure_code
    return claims
