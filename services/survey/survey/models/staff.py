"""Who stands at a unit's counter (shown on its kiosks), and their photos."""
from __future__ import annotations

from datetime import datetime, timezone

from mongoengine import BinaryField, DateTimeField, Document, ListField, StringField

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
