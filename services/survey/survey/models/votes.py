"""Confidence votes. A vote holds its officials, the number of ballots, its thresholds (copied
from the province's settings when it was created) and — the only trace of the ballots — its tallies,
raised by ``$inc``. Used codes are kept apart, as keyed hashes (``UsedCode``) with nothing else; the
vote's public reference (the first characters of its codes) is a document of its own, so a code
leads to its vote by ``_id``. Results and their events are written when the vote closes."""
from __future__ import annotations

from datetime import datetime, timezone

from mongoengine import DateTimeField, DictField, Document, FloatField, IntField, ListField, StringField

from cadre_shared.outbox import OutboxDocument


def _now():
    return datetime.now(timezone.utc)


class ConfidenceVote(OutboxDocument):
    meta = {"collection": "confidence_votes", "indexes": ["unit_id", "status"]}
    id = StringField(primary_key=True)
    ref = StringField(required=True)
    unit_id = StringField(required=True)
    unit_name = StringField(null=True)
    year = IntField(required=True)
    officials = ListField(DictField())  # [{cadre_id, full_name}], in ballot order
    ballots = IntField(required=True)   # codes issued
    cast = IntField(default=0)
    tallies = DictField()               # cadre id → {high, medium, low}
    consider_above = FloatField(required=True)
    replace_at = FloatField(required=True)
    status = StringField(required=True, choices=("open", "closed"), default="open")
    results = ListField(DictField())
    created_by = StringField(required=True)
    created_at = DateTimeField(default=_now)
    closed_by = StringField(null=True)
    closed_at = DateTimeField(null=True)


class VoteRef(Document):
    meta = {"collection": "confidence_vote_refs"}
    id = StringField(primary_key=True)  # the 4-character reference codes begin with
    vote_id = StringField(required=True)


class UsedCode(Document):
    """A ballot code that was used, as a keyed hash (domain.ballots.used_code_id): nothing else."""
    meta = {"collection": "used_ballot_codes"}
    id = StringField(primary_key=True)


class VoteSettings(Document):
    """The province's thresholds for new votes."""
    meta = {"collection": "confidence_vote_settings"}
    id = StringField(primary_key=True, default="province")
    consider_above = FloatField(required=True)
    replace_at = FloatField(required=True)
    updated_by = StringField(null=True)
    updated_at = DateTimeField(default=_now)
