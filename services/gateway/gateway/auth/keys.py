"""Key material of the gateway: the token-signing key, its public half, the audit-chain key."""
from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives import serialization

from ..domain.audit_chain import derive_key


def private_key(config) -> str:
    key = config.get("JWT_PRIVATE_KEY")
    if not key:
        path = config.get("JWT_PRIVATE_KEY_FILE")
        if not path:
            raise RuntimeError("C360_JWT_PRIVATE_KEY_FILE is not set")
        key = config["JWT_PRIVATE_KEY"] = Path(path).read_text()
    return key


def public_key(config) -> str:
    """The verification key: the configured public key file, else derived from the private key."""
    key = config.get("JWT_PUBLIC_KEY")
    if not key:
        path = config.get("JWT_PUBLIC_KEY_FILE")
        if path:
            key = Path(path).read_text()
        else:
            private = serialization.load_pem_private_key(private_key(config).encode(), password=None)
            key = private.public_key().public_bytes(serialization.Encoding.PEM,
                                                    serialization.PublicFormat.SubjectPublicKeyInfo).decode()
        config["JWT_PUBLIC_KEY"] = key
    return key


def audit_key(config) -> bytes:
    """HMAC key of the audit chain: ``C360_AUDIT_KEY_FILE`` when set, else derived from the signing key.
    Neither lives in the store, so whoever edits the store cannot re-seal the chain."""
    key = config.get("AUDIT_KEY")
    if not key:
        path = config.get("AUDIT_KEY_FILE")
        material = Path(path).read_bytes() if path else private_key(config).encode()
        key = config["AUDIT_KEY"] = derive_key(material)
    return key
