"""Identity: users with a role and, for unit-scoped roles, one unit."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from mongoengine import BooleanField, DateTimeField, Document, StringField


def _new_id() -> str:
    return str(uuid.uuid4())


class User(Document):
    meta = {"collection": "users", "indexes": [{"fields": ["username"], "unique": True}]}
    id = StringField(primary_key=True, default=_new_id)
    username = StringField(required=True, max_length=64)
    password_hash = StringField(required=True)
    role = StringField(required=True, choices=("province_admin", "unit_hr", "cadre", "auditor", "training_school"))
    unit_id = StringField(null=True)
    cadre_id = StringField(null=True)
    totp_secret = StringField(null=True)
    active = BooleanField(default=True)
    created_at = DateTimeField(default=lambda: datetime.now(timezone.utc))
