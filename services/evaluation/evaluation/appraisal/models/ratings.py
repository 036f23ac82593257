"""360 ratings (đánh giá đa chiều) and the general-criteria policy per position group.

One rating per (period, rater, ratee), its id derived from the three, so a re-submission
replaces the earlier answer in one atomic write and nothing can store it twice.
"""
from __future__ import annotations

from mongoengine import (BooleanField, DateTimeField, DictField, Document, FloatField, IntField,
                         StringField)

from ...common.ids import utcnow


def rating_id(period: str, rater_id: str, ratee_id: str) -> str:
    return f"{period}|{rater_id}|{ratee_id}"


class Rating(Document):
    meta = {"collection": "ratings", "indexes": [("period", "ratee_id"), ("period", "unit_id"), ("period", "rater_id")]}
    id = StringField(primary_key=True)
    period = StringField(required=True)
    rater_id = StringField(required=True)      # the rater's cadre id: shown to auditors only
    ratee_id = StringField(required=True)
    unit_id = StringField(required=True)       # the ratee's unit when rated
    group = StringField(required=True, choices=("self", "leader", "peer", "subordinate"))
    service = FloatField(required=True)
    coordination = FloatField(required=True)
    discipline = FloatField(required=True)
    first_submitted_at = DateTimeField(default=utcnow)
    submitted_at = DateTimeField(default=utcnow)
    revision = IntField(default=1)


class GeneralCriteriaPolicy(Document):
    """Points per index group and rater-group weights for a similar-task group ("*": default)."""

    meta = {"collection": "general_criteria_policies"}
    id = StringField(primary_key=True)         # the task group, or "*"
    index_points = DictField(FloatField(), required=True)
    weights = DictField(FloatField(), required=True)
    normalise_leniency = BooleanField(default=False)
    updated_by = StringField(null=True)
    updated_at = DateTimeField(default=utcnow)
