"""Citizens' reports (phản ánh, PRODUCT.md §3.9): the reference a reporter follows the case with —
``PA-`` and 10 characters, 50 random bits, so that a reference cannot be guessed (the lookup page
shows its state to whoever holds it) — and the states of a case: received, then concluded once,
substantiated or not. Reports are never deleted."""
from __future__ import annotations

import re
import secrets

from .ballots import ALPHABET, base32

RECEIVED, CONCLUDED = "received", "concluded"
REFERENCE = re.compile(r"^PA-[0-9A-Z]{10}$")
CHANNELS = ("web", "kiosk", "receipt")


def new_reference() -> str:
    return "PA-" + base32(secrets.token_bytes(7), 10)


def normalise_reference(text: str) -> str | None:
    candidate = re.sub(r"\s", "", (text or "").upper())
    if len(candidate) == 10:
        candidate = "PA-" + candidate
    elif len(candidate) == 12 and candidate.startswith("PA"):
        candidate = "PA-" + candidate[2:]
    return candidate if REFERENCE.match(candidate) and all(c in ALPHABET for c in candidate[3:]) else None
