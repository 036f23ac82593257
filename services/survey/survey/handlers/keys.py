"""The survey's two secrets, each read from a file (``C360_SURVEY_CONTACT_KEY_FILE``,
``C360_SURVEY_BALLOT_KEY_FILE``; ``make run`` and the test harness generate them, production mounts
them): the key that seals a reporter's contact details (AES-256-GCM, the report's reference as
associated data, so a sealed contact cannot be moved to another report), and the key of ballot
codes and of the hashes used codes are remembered by. The key is SHA-256 of the file's content, so
any long random secret will do. Without its file the feature answers 503 and says why."""
from __future__ import annotations

import base64
import hashlib
import logging
import os
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask import current_app

from cadre_shared.errors import ApiError

log = logging.getLogger(__name__)
NOT_CONFIGURED = "Chưa cấu hình khóa bí mật của dịch vụ khảo sát / The survey's secret key is not configured"


def _key(name: str) -> bytes:
    cfg = current_app.config
    cache = f"_{name}_BYTES"
    if cache not in cfg:
        path = cfg.get(f"{name}_FILE")
        if not path:
            log.error("%s_FILE is not set", name)
            raise ApiError(503, NOT_CONFIGURED, code="not_configured")
        cfg[cache] = hashlib.sha256(Path(path).read_bytes().strip()).digest()
    return cfg[cache]


def ballot_key() -> bytes:
    return _key("SURVEY_BALLOT_KEY")


def seal_contact(reference: str, contact: str) -> str:
    """The contact details encrypted for storage: base64 of nonce and ciphertext."""
    nonce = os.urandom(12)
    sealed = AESGCM(_key("SURVEY_CONTACT_KEY")).encrypt(nonce, contact.encode(), reference.encode())
    return base64.b64encode(nonce + sealed).decode()


def open_contact(reference: str, sealed: str) -> str:
    raw = base64.b64decode(sealed)
    return AESGCM(_key("SURVEY_CONTACT_KEY")).decrypt(raw[:12], raw[12:], reference.encode()).decode()
