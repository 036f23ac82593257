"""Use case of the gateway's notification consumer: a service asked that people be told something;
find who (the recipient index, then each account), put it in each inbox once, queue its e-mail."""
from __future__ import annotations

import logging
from typing import Mapping

from . import inbox, mail_settings, recipient_index

log = logging.getLogger(__name__)


def deliver_request(event: dict, config: Mapping) -> int:
    """Delivers a ``notification.requested`` event; returns how many inboxes got it now. People
    without an account (or whose account is disabled) get nothing, and an account created later
    does not receive it: a notification tells about something at the time it happens."""
    payload = event["payload"]
    mailing = mail_settings.current(config).usable
    delivered = sum(inbox.deliver(user, event, mail=mailing and bool(user.email))
                    for user in recipient_index.recipients_of(payload["recipients"]))
    log.info("notification %s (%s from %s) delivered to %d inbox(es)", payload["kind"], event["event_id"],
             event["producer"], delivered)
    return delivered
