"""Named consumers of the evaluation service: name → topic(s), handler (dead letters go to <topic>.dlt)."""
from cadre_shared.consumer import ConsumerSpec

CONSUMERS: dict[str, ConsumerSpec] = {}
