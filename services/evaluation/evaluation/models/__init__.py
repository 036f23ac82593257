"""Storage of the evaluation service (mongoengine documents and their indexes)."""
from ..appraisal.models.scores import FrozenScore
from ..registry.models import AreaAppendix, Cadre, Competency, Position, Unit
from ..registry.models.training_records import TrainingRecord
from ..risk.models import RiskFlag

# Documents that carry outbox events, published by `cadre_shared.workers evaluation relay`.
OUTBOX_DOCUMENTS = [Unit, Position, Cadre, Competency, AreaAppendix, FrozenScore, RiskFlag]
