"""Course results as the evaluation service knows them from `training.results.v1` (a read
model; the training service owns results). Used for required-course gaps."""
from __future__ import annotations

from mongoengine import BooleanField, DateField, Document, FloatField, StringField


class TrainingRecord(Document):
    meta = {"collection": "training_records", "indexes": ["cadre_id"]}
    id = StringField(primary_key=True)  # the result id of the training service
    cadre_id = StringField(required=True)
    course_code = StringField(required=True)
    category = StringField(required=True)
    session = StringField(required=True)
    completed_on = DateField(required=True)
    passed = BooleanField(required=True)
    hours = FloatField(required=True)
    certificate_expires_on = DateField(null=True)
