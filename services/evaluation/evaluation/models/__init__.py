"""Storage of the evaluation service (mongoengine documents and their indexes)."""
from .registry import Cadre, Position, Unit

# Documents that carry outbox events, published by `cadre_shared.workers evaluation relay`.
OUTBOX_DOCUMENTS = [Unit, Position, Cadre]
