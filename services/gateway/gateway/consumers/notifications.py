"""The services' notification requests (every ``<producer>.notifications.v1``) → users' inboxes."""
from cadre_shared.consumer import ConsumerSpec
from cadre_shared.contracts import contract_for

from ..handlers import notification_delivery, settings

EVENT_TYPE = "notification.requested"
_settings: dict = {}  # the gateway's settings, read once per process (the mail server's defaults)


def receive(event: dict) -> None:
    if not _settings:
        settings.load(_settings)
    notification_delivery.deliver_request(event, _settings)


# Idempotent without the ledger: an item is keyed by user and dedupe key, and each step repeats safely.
NOTIFICATIONS = ConsumerSpec("notifications", contract_for(EVENT_TYPE, 1).topics(), receive,
                             event_types={EVENT_TYPE}, ledger_free_types=frozenset({EVENT_TYPE}))
