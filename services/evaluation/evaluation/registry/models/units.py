"""Units: the province, and the communes (xã) and wards (phường) under it, with their departments."""
from __future__ import annotations

from mongoengine import EmbeddedDocument, EmbeddedDocumentListField, IntField, StringField, DateTimeField

from cadre_shared.outbox import OutboxDocument

from ...common.ids import new_id, utcnow


class Department(EmbeddedDocument):
    """Phòng, ban, trung tâm of a commune or ward."""
    code = StringField(required=True, max_length=20)
    name = StringField(required=True, max_length=200)


class Unit(OutboxDocument):
    """Đơn vị: the province, or a commune / ward under it (area type for communes and wards)."""

    meta = {"collection": "units", "indexes": [{"fields": ["code"], "unique": True}, "parent_id", "area"]}
    id = StringField(primary_key=True, default=new_id)
    code = StringField(required=True, max_length=40)
    name = StringField(required=True, max_length=200)
    kind = StringField(required=True, choices=("province", "commune", "ward"))
    area = StringField(choices=("urban", "rural", "mountain"), null=True)
    parent_id = StringField(null=True)
    departments = EmbeddedDocumentListField(Department)
    version = IntField(required=True, default=1)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    def state(self) -> dict:
        return {"unit_id": self.id, "code": self.code, "name": self.name, "kind": self.kind,
                "area": self.area, "parent_id": self.parent_id, "version": self.version}
