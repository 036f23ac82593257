"""Evaluation periods (kỳ đánh giá): a quarter or a month, open until HR closes it."""
from __future__ import annotations

from mongoengine import DateField, DateTimeField, Document, IntField, StringField

from ...common.ids import new_id, utcnow


class Period(Document):
    meta = {"collection": "periods", "indexes": [{"fields": ["code"], "unique": True}, "year"]}
    id = StringField(primary_key=True, default=new_id)
    code = StringField(required=True)          # 2026-Q4 or 2026-11
    year = IntField(required=True)
    quarter = IntField(null=True)
    month = IntField(null=True)
    starts_on = DateField(required=True)
    ends_on = DateField(required=True)
    status = StringField(required=True, default="open", choices=("open", "closing", "closed"))
    created_at = DateTimeField(default=utcnow)
    created_by = StringField(null=True)
    closed_at = DateTimeField(null=True)
    closed_by = StringField(null=True)
    scores = IntField(null=True)               # score snapshots stored at closing

    @property
    def kind(self) -> str:
        return "quarter" if self.quarter else "month"
