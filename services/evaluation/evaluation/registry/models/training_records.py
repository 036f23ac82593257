"""Course results as the evaluation service knows them from `training.results.v1` (a read
model; the training service owns results), one document per cadre so a cadre's gap analysis
reads them by ``_id``. Used for required-course gaps."""
from __future__ import annotations

from mongoengine import DictField, Document, StringField


class CadreTraining(Document):
    """``records`` maps each result id to ``{"category", "passed", "certificate_expires_on"
    (ISO date or None), "course_code", "session", "completed_on", "hours"}``; the latest event
    for a result id wins (events of a cadre arrive in order: they are keyed by the cadre)."""
    meta = {"collection": "cadre_training"}
    id = StringField(primary_key=True)  # the cadre id
    records = DictField()
