"""Course results (one document per cadre + course + session, carrying its own outbox event)
and the upload batches with their per-row reports."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from mongoengine import (BinaryField, BooleanField, DateTimeField, DictField, Document, FloatField, IntField,
                         ListField, StringField)

from cadre_shared.db import ReadIndexes
from cadre_shared.outbox import DROP, PUBLISH, WAIT, OutboxDocument


def _now():
    return datetime.now(timezone.utc)


class CourseResult(ReadIndexes, OutboxDocument):
    """``id`` is derived from cadre id + course code + session, so the same row uploaded again finds it.
    Its indexes serve MongoDB's reads only: on the embedded store they are left out (``ReadIndexes``),
    where they cost each of an upload's tens of thousands of inserts."""
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
    """One upload and its report. A file is taken as a job (``job``: queued, running, done, failed, with
    rows validated and stored of the total, and the chunks of rows stored), announced by its
    ``upload.received`` event (``UploadJobEvents``), which the service's own consumer ``upload-jobs``
    answers by running the job; ``status`` is the job's, and a batch stored before jobs (no status) is done."""
    meta = {"collection": "upload_batches", "indexes": ["uploaded_by", "-uploaded_at"]}
    id = StringField(primary_key=True)
    status = StringField()  # queued | running | done | failed (None: stored before jobs, done)
    job = DictField(null=True)
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
    refused = StringField(null=True)  # why the job found the file as a whole unusable (then no row is stored)
    problems = ListField(DictField())  # batches stored before UploadProblems only: new ones keep none here


class UploadProblems(Document):
    """An upload's per-row problems (``_id``: the batch id), apart from its batch: the list of uploads
    reads every batch on the embedded store, and a refused file's report holds thousands of rows."""
    meta = {"collection": "upload_problems"}
    id = StringField(primary_key=True)
    problems = ListField(DictField())


class ClassResults(Document):
    """The results of one course session (khóa/lớp): ``_id`` is ``"<course code>|<session>"``,
    ``held`` maps each cadre id to the stored values of their result (a JSON string), as one JSON text
    (``revision`` counts its writes). Kept by the upload that stores them, so an upload learns which of
    its rows are new, changed or the same by reading one document per class by ``_id`` (a filter on the
    results themselves would read every result ever stored). One text, not a field per cadre: FerretDB
    took 1.7 s to set 2,500 fields of a class of 10,000 and a second to read it back (issue 22, P5).
    ``results`` is the same map as fields, as documents written before kept it."""
    meta = {"collection": "class_results"}
    id = StringField(primary_key=True)
    held = StringField()
    revision = IntField(default=0)
    results = DictField()


class UploadFile(Document):
    """The uploaded file itself, kept until its job is done, in pieces keyed ``<batch id>:<n>`` (read by
    ``_id``; a document holds at most 16 MB)."""
    meta = {"collection": "upload_files"}
    id = StringField(primary_key=True)
    data = BinaryField()


ABANDONED_AFTER = timedelta(hours=1)


def _abandoned(raw: dict) -> bool:
    written = raw.get("written_at")
    if written is not None and written.tzinfo is None:
        written = written.replace(tzinfo=timezone.utc)
    return written is None or _now() - written > ABANDONED_AFTER


class UploadJobEvents(OutboxDocument):
    """The ``upload.received`` event of a batch (``_id``: the batch id), written just before the batch:
    published once the batch is stored, then deleted. Apart from the batch, whose job writes its progress
    while the relay would clear the event (on the embedded store two writes of one document at once can
    lose one)."""
    meta = {"collection": "upload_job_events"}
    carrier_only = True
    id = StringField(primary_key=True)
    written_at = DateTimeField(required=True)

    @classmethod
    def publish_verdict(cls, raw: dict) -> str:
        if UploadBatch._get_collection().find_one({"_id": raw["_id"]}, {"_id": 1}) is not None:
            return PUBLISH
        return DROP if _abandoned(raw) else WAIT


class ResultEvents(OutboxDocument):
    """The ``result.recorded`` events of one chunk of an upload's rows (``_id`` ``<batch id>|<chunk>``),
    written before the chunk's results with the plan of what the chunk creates and updates, so a job
    resumed after a crash counts each row once and stores the same results. The relay publishes them
    once the batch's job says the chunk is stored, and deletes the document: one write for thousands of
    events instead of two per result."""
    meta = {"collection": "result_events"}
    carrier_only = True
    id = StringField(primary_key=True)
    batch_id = StringField(required=True)
    chunk = IntField(required=True)
    written_at = DateTimeField(required=True)
    plan = DictField()  # {"created": [result ids], "updated": [result ids], "unchanged": n}

    @classmethod
    def publish_verdict(cls, raw: dict) -> str:
        batch = UploadBatch._get_collection().find_one({"_id": raw.get("batch_id")}, {"job": 1})
        if batch is not None:
            return PUBLISH if ((batch.get("job") or {}).get("stored_chunks") or 0) > raw.get("chunk", 0) else WAIT
        return DROP if _abandoned(raw) else WAIT
