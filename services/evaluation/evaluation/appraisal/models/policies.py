"""The general-criteria policy per similar-task group: points per index group, rater-group
weights, leniency normalisation. Each change is a new version; a frozen score names the
version it used."""
from __future__ import annotations

from mongoengine import BooleanField, DateTimeField, DictField, Document, FloatField, IntField, StringField

from ...common.ids import utcnow


class GeneralCriteriaPolicy(Document):
    """Points per index group and rater-group weights for a similar-task group ("default": all others)."""

    meta = {"collection": "general_criteria_policies", "strict": False}
    id = StringField(primary_key=True)         # the task group, or "default"
    index_points = DictField(FloatField(), required=True)
    weights = DictField(FloatField(), required=True)
    normalise_leniency = BooleanField(default=False)
    version = IntField(default=1)
    updated_by = StringField(null=True)
    updated_at = DateTimeField(default=utcnow)
