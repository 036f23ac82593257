"""Evaluation periods (kỳ đánh giá): a quarter or a month, open until HR closes it. A period
carries its own events (period.opened, period.closing_requested) and the state of the job that
works on it (telling every unit's raters at opening, closing), which the period page polls."""
from __future__ import annotations

from mongoengine import DateField, DateTimeField, DictField, IntField, StringField

from cadre_shared.outbox import OutboxDocument

from ...common.ids import new_id, utcnow


class Period(OutboxDocument):
    meta = {"collection": "periods", "indexes": [{"fields": ["code"], "unique": True}, "year"]}
    id = StringField(primary_key=True, default=new_id)
    code = StringField(required=True)          # 2026-Q4 or 2026-11
    year = IntField(required=True)
    quarter = IntField(null=True)
    month = IntField(null=True)
    starts_on = DateField(required=True)
    ends_on = DateField(required=True)
    rating_due_on = DateField(null=True)       # when the 360 ratings are due (told to the raters)
    status = StringField(required=True, default="open", choices=("open", "closing", "closed"))
    created_at = DateTimeField(default=utcnow)
    created_by = StringField(null=True)
    closed_at = DateTimeField(null=True)
    closed_by = StringField(null=True)
    scores = IntField(null=True)               # scores frozen at closing
    job = DictField(null=True)                 # {id, kind, status, done, total, started_at, finished_at, error}

    @property
    def kind(self) -> str:
        return "quarter" if self.quarter else "month"
