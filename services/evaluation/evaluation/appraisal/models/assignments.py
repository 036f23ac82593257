"""HR's adjustments to a unit's 360 assignment in one period (the organisation gives the rest):
pairs added with their group, or removed, in the order made. One document per (period, unit),
written by the unit's HR only."""
from __future__ import annotations

from mongoengine import Document, ListField, DictField, StringField


class RaterAdjustments(Document):
    meta = {"collection": "rater_adjustments"}
    id = StringField(primary_key=True)         # rounds.round_id(period, unit_id)
    period = StringField(required=True)
    unit_id = StringField(required=True)
    adjustments = ListField(DictField())       # {id, action, rater_id, ratee_id, group, reason, by, at}
