"""Period scores: what HR records for leaders (criteria đ and e), and the snapshot stored when
a period closes, which carries its ``score.computed`` event (transactional outbox)."""
from __future__ import annotations

from mongoengine import (BooleanField, DateTimeField, DictField, Document, FloatField, StringField)

from cadre_shared.outbox import OutboxDocument

from ...common.ids import utcnow


def score_id(period: str, cadre_id: str) -> str:
    return f"{period}|{cadre_id}"


class LeaderCriteriaRecord(Document):
    """Đ (the unit's planned tasks on time and to quality) and e (no internal disunity) of a
    leader in a period; a 50 needs its reason."""

    meta = {"collection": "leader_criteria"}
    id = StringField(primary_key=True)         # score_id(period, cadre_id)
    period = StringField(required=True)
    cadre_id = StringField(required=True)
    unit_plan_on_time = BooleanField(required=True)
    unit_plan_reason = StringField(null=True)
    unity = BooleanField(required=True)
    unity_reason = StringField(null=True)
    recorded_by = StringField(required=True)
    recorded_at = DateTimeField(default=utcnow)


class FrozenScore(OutboxDocument):
    """The score of a cadre in a closed period, frozen at closing from the rules' result: codes and
    figures only (views add the labels people read), with its ``score.computed`` event."""

    meta = {"collection": "period_scores", "indexes": [("period", "unit_id"), "cadre_id"]}
    id = StringField(primary_key=True)         # score_id(period, cadre_id)
    period = StringField(required=True)
    cadre_id = StringField(required=True)
    unit_id = StringField(required=True)
    task_group = StringField(null=True)
    is_leader = BooleanField(required=True)
    a = FloatField(required=True)
    b = FloatField(required=True)
    c = FloatField(required=True)
    d = FloatField(null=True)
    dd = FloatField(null=True)
    e = FloatField(null=True)
    task_points = FloatField(required=True)
    general_points = FloatField(required=True)
    total = FloatField(required=True)
    level = StringField(required=True)
    override = StringField(null=True)
    general = DictField()                      # the 360 breakdown by index code (anonymous groups under 3 hidden)
    leader_reasons = DictField()
    computed_at = DateTimeField(default=utcnow)
