"""Second factor: time-based one-time passwords (TOTP, RFC 6238) for province administrators."""
from __future__ import annotations

import hmac

import pyotp

STEP_SECONDS = 30
ISSUER = "Cadre360"


def mfa_applies(role: str, mfa_required: bool) -> bool:
    """Province administrators need the second factor where configuration switches it on."""
    return mfa_required and role == "province_admin"


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, username: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def matching_step(secret: str, code: str, now: float, drift_steps: int = 1) -> int | None:
    """The time step the code belongs to (allowing one step of clock drift), or None.

    The caller refuses a step not greater than the last one used, so a code works once."""
    if not code or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    step = int(now // STEP_SECONDS)
    for offset in range(-drift_steps, drift_steps + 1):
        if hmac.compare_digest(totp.at((step + offset) * STEP_SECONDS), code):
            return step + offset
    return None
