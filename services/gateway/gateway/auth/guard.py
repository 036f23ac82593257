"""The gateway's own token check: the signature, audience and expiry (as every service checks
them) plus what only the gateway knows — whether the token's session is still open."""
from __future__ import annotations

import functools
from typing import Callable

import jwt
from flask import g, request

from cadre_shared.auth import Principal, current_principal
from cadre_shared.errors import ApiError

from ..handlers.sessions import session_is_active

# Role → extra check of a token's claims for tokens without a sign-in session (device tokens);
# the kiosk registry adds its own ("is this kiosk still enrolled?").
TOKEN_CHECKS: dict[str, Callable[[dict], bool]] = {}
# Device roles may call only these path prefixes, whatever a service would allow.
DEVICE_PATHS: dict[str, tuple[str, ...]] = {"kiosk": ("/api/v1/kiosk/",)}
SESSION_ENDED = "Phiên đăng nhập đã kết thúc, vui lòng đăng nhập lại / Session ended, please sign in again"


def has_bearer() -> bool:
    return bool(request.headers.get("Authorization", "").strip())


def authenticated() -> Principal:
    """The verified caller; 401 for a missing, invalid, expired or signed-out token."""
    if g.get("gateway_verified"):
        return g.principal
    principal = current_principal()
    token = request.headers.get("Authorization", "").partition(" ")[2].strip()
    claims = jwt.decode(token, options={"verify_signature": False})  # signature checked just above
    check = TOKEN_CHECKS.get(principal.role)
    if check is not None:
        if not check(claims):
            raise ApiError(401, SESSION_ENDED, code="token_revoked")
    elif not claims.get("sid") or not session_is_active(claims["sid"], principal.user_id):
        raise ApiError(401, SESSION_ENDED, code="token_revoked")
    prefixes = DEVICE_PATHS.get(principal.role)
    if prefixes is not None and not request.path.startswith(prefixes):
        raise ApiError(403, code="forbidden")
    g.gateway_verified = True
    g.token_claims = claims
    return principal


def signed_in(*roles: str):
    """Decorator for the gateway's own endpoints: a verified, open session holding one of ``roles``."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if authenticated().role not in roles:
                raise ApiError(403, code="forbidden")
            return view(*args, **kwargs)

        wrapper._c360_roles = roles
        return wrapper

    return decorator
