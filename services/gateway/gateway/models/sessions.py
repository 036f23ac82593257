"""Sign-in sessions: one per sign-in (API or web). Access tokens name their session (``sid``),
so signing out or deactivating a user stops every token of that session at the gateway."""
from __future__ import annotations

from datetime import datetime

from mongoengine import DateTimeField, Document, StringField

from .identity import utcnow


class AuthSession(Document):
    meta = {"collection": "sessions", "indexes": ["user_id", "expires_at"]}
    id = StringField(primary_key=True)
    user_id = StringField(required=True)
    kind = StringField(required=True, choices=("api", "web"))
    secret_hash = StringField(required=True)  # sha256 of the refresh token / cookie secret
    csrf_token = StringField(null=True)
    lang = StringField(null=True)
    ip = StringField(null=True)
    created_at = DateTimeField(default=utcnow)
    expires_at = DateTimeField(required=True)
    revoked_at = DateTimeField(null=True)

    def is_active(self, now: datetime) -> bool:
        return self.revoked_at is None and self.expires_at > now
