"""Period scores frozen when a period closes: one document per (period, cadre) with the rules'
result as codes and figures and the catalogue versions it used (domain.snapshot). Their
``score.computed`` events travel in one carrier per unit, which the relay deletes once Kafka has
them: a frozen score is written once and never touched again."""
from __future__ import annotations

from datetime import timedelta, timezone

from mongoengine import BooleanField, DateTimeField, Document, FloatField, StringField

from cadre_shared.outbox import DROP, PUBLISH, WAIT, OutboxDocument

from ...common.ids import utcnow


ABANDONED_AFTER = timedelta(minutes=15)
DETAIL = ("general", "leader_reasons", "versions")


def score_id(period: str, cadre_id: str) -> str:
    return f"{period}|{cadre_id}"


class FrozenScore(Document):
    meta = {"collection": "period_scores", "strict": False,
            "indexes": [("period", "unit_id"), "cadre_id"]}  # MongoDB in production; reads here go by _id
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
    # JSON of DETAIL: the 360 breakdown by index code (anonymous groups under 3 hidden), the leaders'
    # reasons for đ and e, the versions used (domain.snapshot.Versions); see handlers.frozen
    detail = StringField(required=True)
    computed_at = DateTimeField(default=utcnow)


class ScoreEvents(OutboxDocument):
    """The score.computed events of one unit's frozen scores: a carrier, written just before the
    scores and published once they are all stored (deleted then); one whose scores never came
    (the closing stopped between the two writes, and its rerun wrote its own) is dropped."""
    meta = {"collection": "score_events"}
    carrier_only = True
    id = StringField(primary_key=True)
    written_at = DateTimeField(required=True)

    @classmethod
    def publish_verdict(cls, raw: dict) -> str:
        ids = [score_id(e["payload"]["period"], e["payload"]["cadre_id"]) for e in raw.get("outbox") or []]
        scores = FrozenScore._get_collection()
        if all(scores.find_one({"_id": i}, {"_id": 1}) for i in ids):
            return PUBLISH
        written = raw.get("written_at")
        if written is not None and written.tzinfo is None:
            written = written.replace(tzinfo=timezone.utc)
        return DROP if written is None or utcnow() - written > ABANDONED_AFTER else WAIT
