"""How a service asks for a notification: build a ``notification.requested`` event
(contract: ``cadre_shared/contracts/notifications.py``) and stage it in the outbox of the
document whose change calls for it, in the same write. The service's relay publishes it on
``<producer>.notifications.v1``; the gateway finds the users, fills their inboxes and mails them.

Staged with a document's save::

    from cadre_shared.notify import notification

    period.stage_event(notification(
        "evaluation", "rating_requested", about=rater_id, cadre_ids=[rater_id],
        params={"period": "2026-Q4", "count": 4, "due_on": "2026-12-10"},
        link="/ratings?period=2026-Q4", dedupe_key=f"rating_requested|{period.id}|{rater_id}"))
    period.save()

Staged with an atomic update (a reminder carries a new key each time HR reminds)::

    update_with_event(Period, {"_id": period.id}, {"$inc": {"reminders": 1}}, notification(
        "evaluation", "rating_reminder", about=unit_id, unit_roles=[(unit_id, "cadre")],
        params={"period": "2026-Q4"}, link="/ratings?period=2026-Q4",
        dedupe_key=f"rating_reminder|{period.id}|{unit_id}|{reminder_number}"))

Recipients are named by what the service knows: ``cadre_ids`` (the account linked to each
cadre), ``unit_roles`` (``(unit_id, "unit_hr" | "cadre")``: users of that role in that unit),
``roles`` (every user of a province-wide role such as ``"province_admin"``). ``params`` are
values (texts, numbers, ISO dates) the gateway's texts for ``kind`` show; never UI texts.
"""
from __future__ import annotations

from typing import Iterable

from .contracts import topic_for
from .envelope import make_event

EVENT_TYPE, VERSION = "notification.requested", 1


def notification(producer: str, kind: str, *, about: str, link: str, dedupe_key: str,
                 params: dict | None = None, cadre_ids: Iterable[str] = (),
                 unit_roles: Iterable[tuple[str, str]] = (), roles: Iterable[str] = ()) -> dict:
    """The envelope of one notification request, validated against its contract (raises
    ``marshmallow.ValidationError`` otherwise). ``about`` is its key: the cadre the notification
    is about, else the unit."""
    topic_for(EVENT_TYPE, VERSION, producer)  # a producer without a topic fails here, before anything is stored
    recipients: dict = {}
    if cadre_ids := list(cadre_ids):
        recipients["cadre_ids"] = cadre_ids
    if unit_roles := [{"unit_id": unit_id, "role": role} for unit_id, role in unit_roles]:
        recipients["unit_roles"] = unit_roles
    if roles := list(roles):
        recipients["roles"] = roles
    payload = {"kind": kind, "recipients": recipients, "params": dict(params or {}), "link": link,
               "dedupe_key": dedupe_key}
    return make_event(EVENT_TYPE, VERSION, about, payload, producer)
