"""Storage of the service (mongoengine documents and their indexes)."""
from .forms import SurveyForm
from .read_copies import CadreCopy, UnitCopy
from .responses import KioskActivity, Response, ResponseOutbox, SuspectCase
from .staff import CounterStaff, StaffPhoto

# Documents that carry outbox events, published by `cadre_shared.workers <service> relay`.
OUTBOX_DOCUMENTS: list = [ResponseOutbox, SuspectCase]
