"""Rules of the API keys a province administrator gives the training school's own system: an opaque
secret shown once, and what a key may call — uploading course results and reading an upload's report,
nothing else (PRODUCT.md §1, §2)."""
from __future__ import annotations

import re
import secrets

KEY_PREFIX = "c360k_"
SHOWN_PREFIX = 12  # characters kept to tell keys apart in the list
ROLE = "training_school"  # what a key acts as towards the training service
SCOPE_UPLOADS = "training_uploads"
# (method, path pattern) a key with SCOPE_UPLOADS may call
UPLOAD_CALLS = (("POST", re.compile(r"^/api/v1/training/uploads$")),
                ("GET", re.compile(r"^/api/v1/training/uploads/[A-Za-z0-9-]{1,64}$")))


def new_api_key() -> str:
    """An opaque bearer secret (256 bits); only its hash is stored."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


def looks_like_api_key(value: str) -> bool:
    return value.startswith(KEY_PREFIX) and 20 <= len(value) <= 100


def allowed(scopes: list[str], method: str, path: str) -> bool:
    """May a key with ``scopes`` make this call?"""
    calls = UPLOAD_CALLS if SCOPE_UPLOADS in scopes else ()
    return any(method == m and pattern.match(path) for m, pattern in calls)
