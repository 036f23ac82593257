"""Identity: users with a role and, for unit-scoped roles, one unit."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from mongoengine import BooleanField, DateTimeField, Document, IntField, StringField

from ..domain.accounts import ASSIGNABLE_ROLES


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class User(Document):
    """A person (or the training school's system) who signs in; usernames are lower-case."""

    meta = {"collection": "users", "indexes": [{"fields": ["username"], "unique": True}, "role", "unit_id"]}
    id = StringField(primary_key=True, default=new_id)
    username = StringField(required=True, max_length=64)
    password_hash = StringField(required=True)
    role = StringField(required=True, choices=ASSIGNABLE_ROLES)
    unit_id = StringField(null=True)
    cadre_id = StringField(null=True)
    full_name = StringField(null=True, max_length=120)
    email = StringField(null=True, max_length=254)  # where notifications are also mailed
    language = StringField(null=True, choices=("vi", "en"))  # last chosen in the web UI; notifications' e-mails use it
    totp_secret = StringField(null=True)
    totp_pending = StringField(null=True)
    totp_last_step = IntField(default=0)
    active = BooleanField(default=True)
    created_at = DateTimeField(default=utcnow)
    created_by = StringField(null=True)
    password_changed_at = DateTimeField(default=utcnow)

    @property
    def mfa_enrolled(self) -> bool:
        return bool(self.totp_secret)
