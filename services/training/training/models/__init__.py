"""Storage of the service (mongoengine documents and their indexes)."""
from .catalogue import Course, Requirement, SeedMarker
from .read_copies import CadreCopy, CadreGapsCopy, PositionCopy, UnitCopy
from .results import CourseResult, UploadBatch

# Documents that carry outbox events, published by `cadre_shared.workers <service> relay`.
OUTBOX_DOCUMENTS: list = [CourseResult]
