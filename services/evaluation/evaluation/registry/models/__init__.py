"""Storage of the registry (mongoengine documents and their indexes): units, positions with their
standards, competencies, area appendices, cadres' e-dossiers, the read copy of course results
(``training.results.v1``) that gap analyses use, and the rosters lists read. Only the registry's
own modules import these."""
from .appendices import AreaAppendix
from .cadres import Cadre
from .competencies import Competency
from .positions import Position
from .roster import Roster, RosterIndex
from .scrutiny import ScrutinyRecord
from .training_records import CadreTraining
from .units import Unit
from .write_claims import WriteClaim

__all__ = ["AreaAppendix", "Cadre", "CadreTraining", "Competency", "Position", "Roster", "RosterIndex",
           "ScrutinyRecord", "Unit", "WriteClaim"]
# Documents that carry outbox events, published by `cadre_shared.workers evaluation relay`.
OUTBOX_DOCUMENTS = [Unit, Position, Cadre, Competency, AreaAppendix]
