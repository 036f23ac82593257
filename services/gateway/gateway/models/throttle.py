"""Failed sign-in counters, shared by every gunicorn worker through the store."""
from __future__ import annotations

from mongoengine import DateTimeField, Document, IntField, StringField


class SignInCounter(Document):
    """``_id`` is ``user:<username>`` or ``ip:<address>``; failures counted in a fixed window."""

    meta = {"collection": "signin_counters", "indexes": ["window_started"]}
    id = StringField(primary_key=True)
    failures = IntField(default=0)
    window_started = DateTimeField(null=True)
