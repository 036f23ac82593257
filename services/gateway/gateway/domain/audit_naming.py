"""How a write through the API is named in the audit trail: the action is the method and the
path with ids replaced by ``{id}``; the target is the path below /api/v1/ (ids kept)."""
from __future__ import annotations

import re

API_PREFIX = "/api/v1/"
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_WORD = re.compile(r"^[a-z][a-z-]{0,39}$")


# A citizen's answer is its own record (the survey service keeps it with its kiosk and time):
# the trail is for people's actions, so the kiosk door leaves a record only when it refuses a
# device (a token guessed or revoked), not one per answer — three store writes each otherwise.
CITIZEN_DOOR = API_PREFIX + "kiosk/"
DENIED = frozenset({401, 403})


def is_audited_write(method: str, path: str, status: int | None = None) -> bool:
    if path.startswith(CITIZEN_DOOR):
        return method.upper() in WRITE_METHODS and status in DENIED
    return method.upper() in WRITE_METHODS and path.startswith(API_PREFIX)


def action_of(method: str, path: str) -> str:
    """``POST /api/v1/periods/7f3a…/close`` → ``POST /api/v1/periods/{id}/close``."""
    parts = path[len(API_PREFIX):].strip("/").split("/") if path.startswith(API_PREFIX) else []
    shaped = [p if _WORD.match(p) else "{id}" for p in parts if p]
    return f"{method.upper()} {API_PREFIX}{'/'.join(shaped)}"


def target_of(path: str, created_id: str | None = None) -> str:
    """What the write was about: the path below /api/v1/, plus the id of what a create made."""
    target = path[len(API_PREFIX):].strip("/") if path.startswith(API_PREFIX) else path
    if created_id and not target.endswith("/" + created_id):
        target = f"{target}/{created_id}"
    return target[:300]


def outcome_of(status: int) -> str:
    if status < 400:
        return "success"
    if status in (401, 403):
        return "denied"
    if status == 429:
        return "throttled"
    if status >= 500:
        return "error"
    return "rejected"
