"""Storage of the evaluation service (mongoengine documents and their indexes)."""
from .registry import AreaAppendix, Cadre, Competency, Position, Unit
from .training_records import TrainingRecord
from .scores import PeriodScore
from .risk import RiskFlag

# Documents that carry outbox events, published by `cadre_shared.workers evaluation relay`.
OUTBOX_DOCUMENTS = [Unit, Position, Cadre, Competency, AreaAppendix, PeriodScore, RiskFlag]
