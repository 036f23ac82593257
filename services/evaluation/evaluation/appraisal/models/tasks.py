"""Output tasks (sản phẩm) assigned to a cadre in a period, with their conversion coefficient
k (hệ số quy đổi), due date, completion, counted quality failures and delays, and evidence."""
from __future__ import annotations

from mongoengine import DateField, DateTimeField, Document, FloatField, IntField, StringField

from ...common.ids import new_id, utcnow


class Task(Document):
    meta = {"collection": "tasks", "indexes": [("cadre_id", "period"), ("unit_id", "period"), "period"]}
    id = StringField(primary_key=True, default=new_id)
    cadre_id = StringField(required=True)
    unit_id = StringField(required=True)       # the cadre's unit when the task was assigned
    period = StringField(required=True)        # period code
    title = StringField(required=True, max_length=300)
    coefficient = FloatField(required=True)
    due_on = DateField(required=True)
    completed_on = DateField(null=True)
    quality_failures = IntField(default=0)
    delays = IntField(default=0)
    exempt_quality_failures = IntField(default=0)  # confirmed as objective by the competent person
    exempt_delays = IntField(default=0)
    evidence_url = StringField(null=True)
    created_by = StringField(null=True)
    created_at = DateTimeField(default=utcnow)
    updated_by = StringField(null=True)
    updated_at = DateTimeField(default=utcnow)
    version = IntField(required=True, default=1)
