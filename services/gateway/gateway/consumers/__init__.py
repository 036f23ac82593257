"""Named consumers of the gateway: name → topic(s), handler (dead letters go to <topic>.dlt)."""
from cadre_shared.consumer import ConsumerSpec

from .notifications import NOTIFICATIONS

CONSUMERS: dict[str, ConsumerSpec] = {NOTIFICATIONS.name: NOTIFICATIONS}
