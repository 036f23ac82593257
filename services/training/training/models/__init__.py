"""Storage of the service (mongoengine documents and their indexes)."""
from .read_copies import CadreCopy, CadreGapsCopy, PositionCopy, UnitCopy

# Documents that carry outbox events, published by `cadre_shared.workers <service> relay`.
OUTBOX_DOCUMENTS: list = []
