"""The audit trail (nhật ký kiểm toán): append-only records, ``_id`` is the sequence number."""
from __future__ import annotations

from mongoengine import DateTimeField, DictField, Document, IntField, ListField, StringField


class AuditRecord(Document):
    meta = {"collection": "audit_trail", "indexes": ["at", "actor", "action", "outcome", "request_id", "target"]}
    seq = IntField(primary_key=True)
    at = DateTimeField(required=True)
    actor_id = StringField(null=True)
    actor = StringField(null=True)
    role = StringField(null=True)
    unit_id = StringField(null=True)
    action = StringField(required=True)
    target = StringField(null=True)
    outcome = StringField(required=True)
    status = IntField(null=True)
    request_id = StringField(null=True)
    ip = StringField(null=True)  # erased when its retention ends; ip_mac (its keyed digest) stays in the chain
    ip_mac = StringField(null=True)
    detail = DictField()
    prev_hash = StringField(required=True)
    hash = StringField(required=True)

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in ("seq", "at", "actor_id", "actor", "role", "unit_id", "action",
                                                       "target", "outcome", "status", "request_id", "ip", "detail",
                                                       "prev_hash", "hash")}


class AuditTip(Document):
    """The newest link of the chain: the highest sequence handed out and its hash, and the last
    few records as pages show them (``recent``): records are numbered by an integer ``_id``, which
    the embedded store cannot look up without reading the whole trail."""

    meta = {"collection": "audit_tip"}
    id = StringField(primary_key=True, default="audit")
    seq = IntField(default=0)
    hash = StringField(null=True)
    recent = ListField(DictField())
