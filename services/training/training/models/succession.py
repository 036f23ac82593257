"""The courses succession plans require of a cadre (from ``evaluation.succession.v1``): one
document per cadre, each plan entry under its id with the version that wrote it, so the training
plan reads them by ``_id``."""
from mongoengine import DictField, Document, StringField


class SuccessionCourses(Document):
    meta = {"collection": "succession_courses"}
    id = StringField(primary_key=True)  # the cadre id
    entries = DictField()  # entry id → {term, title, courses, due_on (ISO date or None), version}
