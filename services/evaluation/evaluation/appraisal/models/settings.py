"""Province settings of the appraisal, as data (one document per setting, by name)."""
from __future__ import annotations

from mongoengine import DateTimeField, Document, StringField

from ...common.ids import utcnow


class AppraisalSetting(Document):
    meta = {"collection": "appraisal_settings"}
    id = StringField(primary_key=True)         # "classification"
    excellent_ratio = StringField(required=True)  # a decimal as text ("0.2"): read as an exact fraction
    updated_by = StringField(null=True)
    updated_at = DateTimeField(default=utcnow)
