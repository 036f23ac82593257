"""Failed sign-in counters, shared by every gunicorn worker through the store."""
from __future__ import annotations

from mongoengine import DateTimeField, Document, IntField, StringField


class SignInCounter(Document):
    """``_id`` is ``pair:<address>|<username>`` (progressive delay until ``blocked_until``) or
    ``ip:<address>`` (fixed window); failures counted since ``window_started``."""

    meta = {"collection": "signin_counters", "indexes": ["window_started"]}
    id = StringField(primary_key=True)
    failures = IntField(default=0)
    window_started = DateTimeField(null=True)
    blocked_until = DateTimeField(null=True)
