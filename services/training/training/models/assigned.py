"""Courses HR assigned to a cadre as an early-warning intervention (evaluation's
``risk_course.assigned``), one document per cadre read by ``_id`` with their training plan."""
from mongoengine import DictField, Document, StringField


class AssignedCourses(Document):
    meta = {"collection": "assigned_courses"}
    id = StringField(primary_key=True)         # the cadre id
    items = DictField()                        # intervention id → course_code, due_on, note, flag_id
