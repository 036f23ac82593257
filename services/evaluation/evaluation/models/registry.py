"""Registry documents: units, positions (versioned), cadres (the e-dossier)."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from mongoengine import BooleanField, DateTimeField, IntField, StringField

from cadre_shared.outbox import OutboxDocument


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Unit(OutboxDocument):
    """Đơn vị: the province, or a commune (xã) / ward (phường) under it."""

    meta = {"collection": "units", "indexes": [{"fields": ["code"], "unique": True}, "parent_id"]}
    id = StringField(primary_key=True, default=new_id)
    code = StringField(required=True, max_length=40)
    name = StringField(required=True, max_length=200)
    kind = StringField(required=True, choices=("province", "commune", "ward"))
    area = StringField(choices=("urban", "rural", "mountain"), null=True)
    parent_id = StringField(null=True)
    version = IntField(required=True, default=1)
    created_at = DateTimeField(default=utcnow)

    def state(self) -> dict:
        return {"unit_id": self.id, "code": self.code, "name": self.name, "kind": self.kind,
                "area": self.area, "parent_id": self.parent_id, "version": self.version}


class Position(OutboxDocument):
    """Vị trí việc làm / chức danh, in a similar-task group (nhóm có nhiệm vụ tương đồng)."""

    meta = {"collection": "positions", "indexes": [{"fields": ["code"], "unique": True}]}
    id = StringField(primary_key=True, default=new_id)
    code = StringField(required=True, max_length=40)
    title = StringField(required=True, max_length=200)
    task_group = StringField(required=True, max_length=80)
    is_leader = BooleanField(required=True, default=False)
    version = IntField(required=True, default=1)
    created_at = DateTimeField(default=utcnow)

    def state(self) -> dict:
        return {"position_id": self.id, "code": self.code, "title": self.title, "task_group": self.task_group,
                "is_leader": self.is_leader, "version": self.version}


class Cadre(OutboxDocument):
    """Cán bộ, công chức cấp xã: the electronic dossier (hồ sơ điện tử)."""

    meta = {"collection": "cadres", "indexes": [{"fields": ["code"], "unique": True}, "unit_id", "position_id"]}
    id = StringField(primary_key=True, default=new_id)
    code = StringField(required=True, max_length=40)
    full_name = StringField(required=True, max_length=120)
    gender = StringField(required=True, choices=("female", "male", "other"))
    birth_year = IntField(required=True)
    unit_id = StringField(required=True)
    position_id = StringField(null=True)
    position_version = IntField(null=True)
    is_leader = BooleanField(default=False)
    is_local = BooleanField(required=True, default=True)
    status = StringField(required=True, default="active", choices=("active", "left"))
    version = IntField(required=True, default=1)
    created_at = DateTimeField(default=utcnow)

    def state(self) -> dict:
        return {"cadre_id": self.id, "code": self.code, "full_name": self.full_name, "gender": self.gender,
                "birth_year": self.birth_year, "unit_id": self.unit_id, "position_id": self.position_id,
                "position_version": self.position_version, "is_leader": bool(self.is_leader),
                "is_local": self.is_local, "status": self.status, "version": self.version}
