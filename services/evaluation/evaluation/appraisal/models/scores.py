"""Period scores frozen when a period closes, one document per (period, unit) holding every cadre's
frozen row (the rules' result as codes and figures and the catalogue versions it used:
domain.snapshot) as one compressed JSON value, so closing writes one document per unit, not per
cadre; and, per period, where each cadre was frozen (their unit then), in a few buckets by the
cadre's id, for reads that start from a cadre who may have moved since. Their ``score.computed`` events travel in one
carrier per unit, which the relay deletes once Kafka has them: a frozen unit is written once and
never touched again. Reads go through handlers.frozen."""
from __future__ import annotations

import zlib
from datetime import timedelta, timezone

from mongoengine import BinaryField, DateTimeField, Document, StringField

from cadre_shared.outbox import DROP, PUBLISH, WAIT, OutboxDocument

from ...common.ids import utcnow


ABANDONED_AFTER = timedelta(minutes=15)
DETAIL = ("general", "leader_reasons", "versions")
PLACEMENT_BUCKETS = 16  # 10,000 cadres: ~600 per bucket, a read of ~30 KB


def unit_scores_id(period: str, unit_id: str) -> str:
    return f"{period}|{unit_id}"


def placement_id(period: str, cadre_id: str) -> str:
    return f"{period}|{zlib.crc32(cadre_id.encode()) % PLACEMENT_BUCKETS}"


class FrozenUnitScores(Document):
    meta = {"collection": "frozen_scores", "strict": False}  # read by _id only, on MongoDB too
    id = StringField(primary_key=True)         # unit_scores_id(period, unit_id)
    period = StringField(required=True)
    unit_id = StringField(required=True)
    # {cadre id: the frozen record without period and unit}, JSON compressed: see handlers.frozen
    rows = BinaryField(required=True)
    computed_at = DateTimeField(default=utcnow)


class FrozenPlacement(Document):
    meta = {"collection": "frozen_placements"}  # read by _id only
    id = StringField(primary_key=True)         # placement_id(period, cadre_id)
    period = StringField(required=True)
    cadres = StringField(required=True)        # JSON {cadre id: unit id} of the bucket's cadres


class ScoreEvents(OutboxDocument):
    """The score.computed events of one unit's frozen scores: a carrier, written just before the
    unit's scores and published once they are stored (deleted then); one whose scores never came
    (the closing stopped between the two writes, and its rerun wrote its own) is dropped."""
    meta = {"collection": "score_events"}
    carrier_only = True
    id = StringField(primary_key=True)
    written_at = DateTimeField(required=True)

    @classmethod
    def publish_verdict(cls, raw: dict) -> str:
        ids = {unit_scores_id(e["payload"]["period"], e["payload"]["unit_id"]) for e in raw.get("outbox") or []}
        scores = FrozenUnitScores._get_collection()
        if all(scores.find_one({"_id": i}, {"_id": 1}) for i in ids):
            return PUBLISH
        written = raw.get("written_at")
        if written is not None and written.tzinfo is None:
            written = written.replace(tzinfo=timezone.utc)
        return DROP if written is None or utcnow() - written > ABANDONED_AFTER else WAIT
