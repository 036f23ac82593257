"""Storage of the appraisal (mongoengine documents and their indexes)."""
from .classifications import Classification
from .periods import Period
from .rounds import UnitRound
from .scores import ScoreEvents
from .years import EvaluationYear

# Documents that carry outbox events, published by `cadre_shared.workers evaluation relay`.
OUTBOX_DOCUMENTS = [Period, UnitRound, Classification, ScoreEvents, EvaluationYear]
