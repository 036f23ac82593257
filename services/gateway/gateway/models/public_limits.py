"""Calls to the public endpoints per address or device in one fixed window, shared by every worker;
``_id`` is ``<limit>:<address|device>:<value>:<window start>``, ``key`` the same without the window
(old windows of a key are dropped when a new one opens, so the collection stays small)."""
from __future__ import annotations

from mongoengine import Document, IntField, StringField


class PublicWindow(Document):
    meta = {"collection": "public_windows", "indexes": ["key"]}
    id = StringField(primary_key=True)
    key = StringField(required=True)
    window = IntField(required=True)
    count = IntField(default=0)
