"""Rules about one citizen response: its dossier key, its content fingerprint (for
idempotent re-sends), the moment it counts for, and the anonymity of its comment."""
from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timedelta

MAX_ANSWER_AGE = timedelta(days=30)
MAX_CLOCK_AHEAD = timedelta(minutes=5)
_SPACES = re.compile(r"\s+")
# Runs of 9+ digits (phone numbers, citizen ID numbers), allowing spaces, dots or dashes inside.
_PERSONAL_NUMBER = re.compile(r"(?<!\d)\+?\d(?:[ .\-]?\d){8,}(?!\d)")
REDACTED = "[đã ẩn]"


def normalize_dossier_code(code: str) -> str:
    """Dossier codes are matched without regard to case or surrounding/duplicate spaces."""
    return _SPACES.sub(" ", code).strip().upper()


def dossier_key(unit_id: str, code: str, pepper: str = "") -> str:
    """One response per dossier per unit. Only this keyed hash is stored, never the code,
    so a response cannot be joined back to the citizen's dossier in the one-stop system."""
    material = f"{pepper}\x1f{unit_id}\x1f{normalize_dossier_code(code)}".encode("utf-8")
    return hashlib.sha256(material).hexdigest()


def content_hash(unit_id: str, content: dict) -> str:
    """Fingerprint of what the citizen answered; a re-send with the same id must match it."""
    canonical = json.dumps({"unit_id": unit_id, **content}, sort_keys=True, ensure_ascii=False,
                           separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def effective_answer_time(answered_at: datetime | None, received_at: datetime) -> datetime:
    """When the answer counts: the moment the citizen answered (answers queued offline keep
    their day), unless the device clock is implausible — then the moment it arrived, so a
    tablet with a wrong clock loses nothing."""
    if answered_at is None:
        return received_at
    if received_at - MAX_ANSWER_AGE <= answered_at <= received_at + MAX_CLOCK_AHEAD:
        return answered_at
    return received_at


def redact_personal_numbers(comment: str | None) -> str | None:
    """Responses are anonymous: phone or ID numbers a citizen types into the comment are masked."""
    if comment is None:
        return None
    return _PERSONAL_NUMBER.sub(REDACTED, comment)
