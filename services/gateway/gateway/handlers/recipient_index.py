"""The recipient index: which active accounts a notification request names, found without reading
all users. The account handlers keep it as accounts are created, moved and disabled; it is built
from the users once when missing (an installation older than notifications). A request reads a few
entries by ``_id`` and checks each candidate account itself, so a stale entry reaches nobody."""
from __future__ import annotations

import logging

from ..domain.notification_recipients import index_keys, is_recipient, request_keys
from ..models.identity import User
from ..models.notifications import RecipientIndex
from . import id_lists

log = logging.getLogger(__name__)
BUILT = "built"
_built_in: set[str] = set()  # databases whose index this process has seen complete


def _entries():
    return RecipientIndex._get_collection()


def keys_of(user: User) -> list[str]:
    return index_keys(user.role, user.unit_id, user.cadre_id) if user.active else []


def list_user(user: User, before: list[str] | tuple = ()) -> None:
    """Lists the account under the entries it has now, and off the ones in ``before`` it no longer has."""
    after = keys_of(user)
    for key in set(before) - set(after):
        id_lists.remove(_entries(), key, user.id, "user_ids")
    for key in after:
        id_lists.add(_entries(), key, user.id, "user_ids")


def ensure_built() -> None:
    """Builds the index from the users when it was never built (one pass over the users, once)."""
    entries = _entries()
    if entries.database.name in _built_in:
        return
    if entries.find_one({"_id": BUILT}, {"_id": 1}) is None:
        count = 0
        for user in User.objects(active=True).only("id", "role", "unit_id", "cadre_id", "active"):
            list_user(user)
            count += 1
        id_lists.add(entries, BUILT, "complete", "user_ids")
        log.info("notification recipient index built from %d active accounts", count)
    _built_in.add(entries.database.name)


def recipients_of(recipients: dict) -> list[User]:
    """The active accounts a request's ``recipients`` name, each once."""
    ensure_built()
    candidates: dict[str, None] = {}
    for key in request_keys(recipients):
        candidates.update(dict.fromkeys(id_lists.ids_in(_entries(), key, "user_ids")))
    found = []
    for user_id in candidates:
        user = User.objects(id=user_id).first()
        if user is not None and is_recipient(recipients, active=user.active, role=user.role,
                                             unit_id=user.unit_id, cadre_id=user.cadre_id):
            found.append(user)
    return found
