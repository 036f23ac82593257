"""API keys of the training school's own system (khóa API): only a hash of each key is kept."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from mongoengine import DateTimeField, Document, ListField, StringField


class ApiKey(Document):
    meta = {"collection": "api_keys", "indexes": [{"fields": ["key_hash"], "unique": True}]}
    id = StringField(primary_key=True, default=lambda: str(uuid.uuid4()))
    name = StringField(required=True, max_length=120)
    key_hash = StringField(required=True)
    prefix = StringField(required=True)  # the key's first characters, to tell keys apart in lists
    scopes = ListField(StringField())
    created_by = StringField(null=True)
    created_at = DateTimeField(default=lambda: datetime.now(timezone.utc))
    revoked_by = StringField(null=True)
    revoked_at = DateTimeField(null=True)
    last_used_at = DateTimeField(null=True)

    @property
    def active(self) -> bool:
        return self.revoked_at is None
