"""The 360 round of one unit in one period: when its raters were told, how often HR reminded
them, and the progress as last counted — answered and expected per rater group, never who
answered what. It carries the round's notifications (rating_requested, rating_reminder) to the
outbox. One document per (period, unit), read by ``_id``."""
from __future__ import annotations

from mongoengine import DateTimeField, DictField, IntField, StringField

from cadre_shared.outbox import OutboxDocument


def round_id(period: str, unit_id: str) -> str:
    return f"{period}|{unit_id}"


class UnitRound(OutboxDocument):
    meta = {"collection": "appraisal_rounds", "strict": False}
    id = StringField(primary_key=True)         # round_id(period, unit_id)
    period = StringField(required=True)
    unit_id = StringField(required=True)
    notified_at = DateTimeField(null=True)
    raters_notified = IntField(default=0)
    reminders = IntField(default=0)
    last_reminded_at = DateTimeField(null=True)
    last_reminded_by = StringField(null=True)
    # the exact count as last made (unit page, reminder, opening): groups → [answered, expected]
    progress = DictField()
    # each rater's answers per group, set by their own submissions (the overview adds them up)
    given = DictField()
    # each cadre's [tasks, of them completed], set when their tasks change
    tasks = DictField()
