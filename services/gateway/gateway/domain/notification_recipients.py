"""Who a notification request reaches (hệ thống thông báo): the contract names cadres, (unit, role)
pairs and province-wide roles; these rules turn an account into the index entries that find it,
a request into the entries to read, and check a candidate account against the request itself."""
from __future__ import annotations

import hashlib

UNIT_SCOPED = ("unit_hr", "cadre")  # accounts of these roles belong to one unit


def index_keys(role: str, unit_id: str | None, cadre_id: str | None) -> list[str]:
    """The index entries an active account is listed under."""
    keys = []
    if cadre_id:
        keys.append(f"cadre|{cadre_id}")
    if role in UNIT_SCOPED:
        if unit_id:
            keys.append(f"unit|{unit_id}|{role}")
    else:
        keys.append(f"role|{role}")
    return keys


def request_keys(recipients: dict) -> list[str]:
    """The index entries holding the candidates of a request's ``recipients``."""
    keys = [f"cadre|{c}" for c in recipients.get("cadre_ids", [])]
    keys += [f"unit|{p['unit_id']}|{p['role']}" for p in recipients.get("unit_roles", [])]
    keys += [f"role|{r}" for r in recipients.get("roles", [])]
    return list(dict.fromkeys(keys))


def is_recipient(recipients: dict, *, active: bool, role: str, unit_id: str | None,
                 cadre_id: str | None) -> bool:
    """Whether this account, as it is now, is one the request names (an index entry may be stale)."""
    if not active:
        return False
    if cadre_id and cadre_id in recipients.get("cadre_ids", []):
        return True
    if role in UNIT_SCOPED:
        return any(p["unit_id"] == unit_id and p["role"] == role for p in recipients.get("unit_roles", []))
    return role in recipients.get("roles", [])


def item_key(dedupe_key: str) -> str:
    """The public id of a user's item for ``dedupe_key``: short, safe in a URL, the same every time."""
    return hashlib.sha256(dedupe_key.encode("utf-8")).hexdigest()[:24]


def item_id(user_id: str, key: str) -> str:
    """An item's ``_id``: a user can only ever name items of their own inbox."""
    return f"{user_id}|{key}"
