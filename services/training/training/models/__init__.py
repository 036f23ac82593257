"""Storage of the service (mongoengine documents and their indexes)."""
from cadre_shared.read_copy import UnitCopy

from .assigned import AssignedCourses
from .catalogue import Course, Requirement, SeedMarker
from .read_copies import CadreCopy, CadreGapsCopy, PositionCopy
from .results import (ClassResults, CourseResult, ResultEvents, UploadBatch, UploadFile, UploadJobEvents,
                      UploadProblems)
from .standing import CadreResults, ComplianceBasis, ComplianceOverview, UnitCompliance
from .succession import SuccessionCourses

# Documents that carry outbox events, published by `cadre_shared.workers <service> relay`.
OUTBOX_DOCUMENTS: list = [CourseResult, UnitCompliance, UploadJobEvents, ResultEvents]
