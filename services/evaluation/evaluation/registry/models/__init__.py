"""Storage of the registry (mongoengine documents and their indexes): units, positions with their
standards, competencies, area appendices, cadres' e-dossiers, and the read copy of course results
(``training.results.v1``) that gap analyses use. Only the registry's own modules import these."""
from .appendices import AreaAppendix
from .cadres import Cadre
from .competencies import Competency
from .positions import Position
from .training_records import TrainingRecord
from .units import Unit

__all__ = ["AreaAppendix", "Cadre", "Competency", "Position", "TrainingRecord", "Unit"]
# Documents that carry outbox events, published by `cadre_shared.workers evaluation relay`.
OUTBOX_DOCUMENTS = [Unit, Position, Cadre, Competency, AreaAppendix]
