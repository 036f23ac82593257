"""A unit's classification in a closed period (PRODUCT.md §6): the rows frozen at closing (codes,
totals, percentiles), the quota decisions of the unit's HR per task group, and the approval, which
publishes it to the unit's cadres (classification_published, staged in the same write)."""
from __future__ import annotations

from mongoengine import DateTimeField, DictField, Document, IntField, ListField, StringField

from cadre_shared.kept_reads import KeptReads
from cadre_shared.outbox import OutboxDocument

from ...common.ids import utcnow


class Classification(OutboxDocument):
    meta = {"collection": "classifications", "strict": False}
    id = StringField(primary_key=True)         # rounds.round_id(period, unit_id)
    period = StringField(required=True)
    unit_id = StringField(required=True)
    ratio = StringField(required=True)         # the excellent ratio in force at closing, as a fraction "1/5"
    rows = StringField(required=True)          # JSON: domain.classification.Row fields, highest total first
    # JSON: the rows compared but not proposed (leaders' Q4, which the year-end result takes the place of)
    folded_rows = StringField(null=True)
    decisions = ListField(DictField())         # {task_group, keep_excellent, decided_by, decided_at}, one per group
    status = StringField(required=True, default="proposed", choices=("proposed", "approved"))
    approved_by = StringField(null=True)
    approved_at = DateTimeField(null=True)
    created_at = DateTimeField(default=utcnow)


class PeriodComparison(Document):
    """Every position code's totals in a closed period or year (sorted), which the percentiles come from."""
    meta = {"collection": "period_comparisons", "strict": False}
    id = StringField(primary_key=True)         # the period code
    positions = ListField(DictField())         # {code, count, totals}
    cadres = IntField(default=0)
    units = ListField(StringField())           # the units with a proposal (the year's job reads theirs by _id)


# Reads of every unit's classification of a scope (the scorecard's approved levels and failed leaders:
# a read by ``_id`` per unit, a hundred a call) are kept per worker until a classification is written:
# closing.store_classifications and classification.decide / approve move the version after their writes.
classifications_kept = KeptReads("classifications_version", "classifications")
