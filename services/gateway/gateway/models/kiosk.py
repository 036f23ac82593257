"""Kiosk devices bound to a unit (only a hash of each device token is kept); their per-minute
submission counts live in the survey service (``survey.handlers.kiosk_activity``)."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from mongoengine import DateTimeField, Document, StringField


class Kiosk(Document):
    meta = {"collection": "kiosks", "indexes": [{"fields": ["token_hash"], "unique": True}, "unit_id"]}
    id = StringField(primary_key=True, default=lambda: str(uuid.uuid4()))
    unit_id = StringField(required=True)
    unit_name = StringField(null=True)
    name = StringField(required=True, max_length=120)
    token_hash = StringField(required=True)
    created_by = StringField(null=True)
    created_at = DateTimeField(default=lambda: datetime.now(timezone.utc))
    revoked_by = StringField(null=True)
    revoked_at = DateTimeField(null=True)
    last_seen_at = DateTimeField(null=True)

    @property
    def active(self) -> bool:
        return self.revoked_at is None
