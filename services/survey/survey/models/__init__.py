"""Storage of the service (mongoengine documents and their indexes)."""
from cadre_shared.read_copy import UnitCopy

from .answer_lists import AnswerList, AnswerListPart
from .forms import SurveyForm
from .read_copies import CadreCopy
from .reports import CitizenReport
from .responses import KioskActivity, RepublishedAnswers, Response, ResponseOutbox, SuspectCase
from .staff import CounterStaff, StaffPhoto, UnitProcedures
from .votes import ConfidenceVote, UsedCode, VoteRef, VoteSettings

# Documents that carry outbox events, published by `cadre_shared.workers <service> relay`.
OUTBOX_DOCUMENTS: list = [ResponseOutbox, SuspectCase, ConfidenceVote, CitizenReport, RepublishedAnswers]
