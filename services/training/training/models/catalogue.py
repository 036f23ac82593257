"""The course catalogue and the role requirements, both keyed by their code."""
from __future__ import annotations

from datetime import datetime, timezone

from mongoengine import BooleanField, DateTimeField, Document, FloatField, IntField, ListField, StringField


def _now():
    return datetime.now(timezone.utc)


class Course(Document):
    meta = {"collection": "courses", "indexes": ["category"]}
    id = StringField(primary_key=True)  # the course code
    title = StringField(required=True)
    category = StringField(required=True)
    hours = FloatField(required=True)
    certificate_months = IntField(null=True)  # None: the certificate never expires (or none is given)
    competencies = ListField(StringField())
    updated_at = DateTimeField(default=_now)

    @property
    def code(self) -> str:
        return self.id


class Requirement(Document):
    meta = {"collection": "requirements"}
    id = StringField(primary_key=True)  # the requirement code
    title = StringField(required=True)
    course_code = StringField(null=True)
    category = StringField(null=True)
    due_within_months = IntField(required=True)
    repeat_every_months = IntField(null=True)
    position_codes = ListField(StringField())
    task_groups = ListField(StringField())
    leaders = BooleanField(null=True)
    updated_at = DateTimeField(default=_now)

    @property
    def code(self) -> str:
        return self.id


class SeedMarker(Document):
    """Marks a default data set as seeded once, so later deletions by the province stay deleted."""
    meta = {"collection": "seed_markers"}
    id = StringField(primary_key=True)
    seeded_at = DateTimeField(default=_now)
