"""Who stands at a unit's counter (shown on its kiosks), their photos, and the procedures the counter serves."""
from __future__ import annotations

from datetime import datetime, timezone

from mongoengine import BinaryField, DateTimeField, DictField, Document, ListField, StringField

PHOTO_TYPES = ("image/jpeg", "image/png", "image/webp")


class CounterStaff(Document):
    """The officials a unit's kiosks offer to choose from; without it, all active cadres of the unit."""

    meta = {"collection": "counter_staff"}
    id = StringField(primary_key=True)  # the unit id
    cadre_ids = ListField(StringField())
    updated_by = StringField(null=True)
    updated_at = DateTimeField(default=lambda: datetime.now(timezone.utc))


class StaffPhoto(Document):
    meta = {"collection": "staff_photos"}
    id = StringField(primary_key=True)  # the cadre id
    content_type = StringField(required=True, choices=PHOTO_TYPES)
    data = BinaryField(required=True)
    updated_at = DateTimeField(default=lambda: datetime.now(timezone.utc))


class UnitProcedures(Document):
    """The administrative procedures (thủ tục hành chính) a unit's counter serves, as its HR listed them:
    a citizen at the kiosk picks the one they came for, so the indices per procedure fill from kiosks too.
    ``procedures``: [{code, name}] in the order the kiosk shows them."""

    meta = {"collection": "unit_procedures"}
    id = StringField(primary_key=True)  # the unit id
    procedures = ListField(DictField())
    updated_by = StringField(null=True)
    updated_at = DateTimeField(default=lambda: datetime.now(timezone.utc))
