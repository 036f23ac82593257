"""Course results (one document per cadre + course + session, carrying its own outbox event)
and the upload batches with their per-row reports."""
from __future__ import annotations

from datetime import datetime, timezone

from mongoengine import (BooleanField, DateTimeField, DictField, Document, FloatField, IntField, ListField,
                         StringField)

from cadre_shared.outbox import OutboxDocument


def _now():
    return datetime.now(timezone.utc)


class CourseResult(OutboxDocument):
    """``id`` is derived from cadre id + course code + session, so the same row uploaded again finds it."""
    meta = {"collection": "course_results", "indexes": ["cadre_id", "outbox_pending"]}
    id = StringField(primary_key=True)
    cadre_id = StringField(required=True)
    cadre_code = StringField(required=True)
    course_code = StringField(required=True)
    category = StringField(required=True)
    session = StringField(required=True)
    completed_on = StringField(required=True)  # ISO date
    passed = BooleanField(required=True)
    hours = FloatField(required=True)
    certificate_expires_on = StringField(null=True)  # ISO date
    batch_id = StringField()
    recorded_at = DateTimeField(default=_now)


class UploadBatch(Document):
    meta = {"collection": "upload_batches", "indexes": ["uploaded_by", "-uploaded_at"]}
    id = StringField(primary_key=True)
    file_name = StringField()
    file_format = StringField()  # csv | xlsx
    file_sha256 = StringField()
    uploaded_by = StringField()  # user id
    uploaded_by_name = StringField()
    uploaded_at = DateTimeField(default=_now)
    rows = IntField()
    accepted = IntField()
    created = IntField()
    updated = IntField()
    unchanged = IntField()
    rejected = IntField()
    problems = ListField(DictField())  # batches stored before UploadProblems only: new ones keep none here


class UploadProblems(Document):
    """An upload's per-row problems (``_id``: the batch id), apart from its batch: the list of uploads
    reads every batch on the embedded store, and a refused file's report holds thousands of rows."""
    meta = {"collection": "upload_problems"}
    id = StringField(primary_key=True)
    problems = ListField(DictField())


class ClassResults(Document):
    """The results of one course session (khóa/lớp): ``_id`` is ``"<course code>|<session>"``,
    ``results`` maps each cadre id to the stored values of their result (a JSON string). Kept by
    the upload that stores them, so an upload learns which of its rows are new, changed or the
    same by reading one document per class by ``_id`` (a filter on the results themselves would
    read every result ever stored)."""
    meta = {"collection": "class_results"}
    id = StringField(primary_key=True)
    results = DictField()
