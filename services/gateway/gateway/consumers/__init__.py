"""The gateway consumes no events (it asks the services)."""
from cadre_shared.consumer import ConsumerSpec

CONSUMERS: dict[str, ConsumerSpec] = {}
