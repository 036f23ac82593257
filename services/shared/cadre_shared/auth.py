"""Access-token checks every service does itself (never trusting the gateway alone).

Tokens are signed by the gateway with Ed25519 (EdDSA); services hold only the public
key. Audience, issuer and expiry are checked; the algorithm list is fixed, so
``alg: none`` and HMAC-with-public-key tricks are refused.
"""
from __future__ import annotations

import functools
import secrets
from dataclasses import dataclass
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from flask import current_app, g, request

from .errors import ApiError

ALGORITHMS = ["EdDSA"]
ROLES = ("province_admin", "unit_hr", "cadre", "auditor", "training_school", "inspector", "kiosk")


@dataclass(frozen=True)
class Principal:
    user_id: str
    username: str
    role: str
    unit_id: str | None = None
    cadre_id: str | None = None
    kiosk_id: str | None = None
    kiosk_rate: int | None = None  # a kiosk's requests to answer allowed per minute, as the gateway states it

    @property
    def is_province_wide(self) -> bool:
        return self.role in ("province_admin", "auditor")

    def can_see_unit(self, unit_id: str | None) -> bool:
        return self.is_province_wide or (unit_id is not None and unit_id == self.unit_id)


def generate_keypair(directory: str | Path) -> tuple[Path, Path]:
    """Create (once) an Ed25519 key pair as PEM files; returns (private, public) paths."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    private, public = directory / "jwt-private.pem", directory / "jwt-public.pem"
    if not private.exists():
        key = Ed25519PrivateKey.generate()
        private.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                              serialization.NoEncryption()))
        private.chmod(0o600)
        public.write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM,
                                                         serialization.PublicFormat.SubjectPublicKeyInfo))
    return private, public


def generate_secret_file(path: str | Path) -> Path:
    """Create (once) a file holding 32 random bytes as hex, readable by its owner only: a service's
    secret key (the survey's contact and ballot keys)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path


def decode_token(token: str, public_key: str, audience: str, issuer: str) -> Principal:
    try:
        claims = jwt.decode(token, public_key, algorithms=ALGORITHMS, audience=audience, issuer=issuer,
                            options={"require": ["exp", "iat", "sub", "aud", "iss"]})
    except jwt.ExpiredSignatureError:
        raise ApiError(401, "Phiên đăng nhập đã hết hạn / Token expired", code="token_expired") from None
    except jwt.PyJWTError:
        raise ApiError(401, "Mã truy cập không hợp lệ / Invalid token", code="invalid_token") from None
    if claims.get("role") not in ROLES or claims.get("typ") != "access":
        raise ApiError(401, "Mã truy cập không hợp lệ / Invalid token", code="invalid_token")
    rate = claims.get("kiosk_rate")
    return Principal(user_id=claims["sub"], username=claims.get("username", ""), role=claims["role"],
                     unit_id=claims.get("unit_id"), cadre_id=claims.get("cadre_id"),
                     kiosk_id=claims.get("kiosk_id"),
                     kiosk_rate=rate if isinstance(rate, int) and not isinstance(rate, bool) else None)


def public_key_of(app) -> str:
    key = app.config.get("JWT_PUBLIC_KEY")
    if not key:
        path = app.config.get("JWT_PUBLIC_KEY_FILE")
        if not path:
            raise RuntimeError("C360_JWT_PUBLIC_KEY_FILE is not set")
        key = Path(path).read_text()
        app.config["JWT_PUBLIC_KEY"] = key
    return key


def current_principal() -> Principal:
    if "principal" not in g:
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise ApiError(401, "Cần đăng nhập / Bearer token required", code="unauthorized")
        cfg = current_app.config
        g.principal = decode_token(token.strip(), public_key_of(current_app), cfg["JWT_AUDIENCE"], cfg["JWT_ISSUER"])
    return g.principal


def requires(*roles: str):
    """Decorator: the caller must hold one of ``roles`` (checked from the verified token)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            principal = current_principal()
            if principal.role not in roles:
                raise ApiError(403, code="forbidden")
            return view(*args, **kwargs)

        wrapper._c360_roles = roles
        return wrapper

    return decorator


def ensure_unit(principal: Principal, unit_id: str | None) -> None:
    """A unit-scoped caller asking about another unit gets 404 (its existence is not revealed)."""
    if not principal.can_see_unit(unit_id):
        raise ApiError(404, code="not_found")


def ensure_cadre_visible(principal: Principal, cadre_id: str, cadre_unit_id: str | None,
                         not_found: str | None = None) -> None:
    """A cadre sees only themselves; everyone else needs the cadre's unit in their scope (province-
    wide roles see every unit). Otherwise 404 with ``not_found``: the cadre's existence is not revealed."""
    if principal.role == "cadre":
        if principal.cadre_id != cadre_id:
            raise ApiError(404, not_found)
    elif not principal.can_see_unit(cadre_unit_id):
        raise ApiError(404, not_found)
