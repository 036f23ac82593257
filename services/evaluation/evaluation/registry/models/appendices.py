"""Priority appendices per area type (phụ lục năng lực ưu tiên cho địa bàn đặc thù), versioned.

One document per area (urban, rural, mountain): competencies every cadre of a unit of that
area needs (or only its leaders), on top of their position's standard.
"""
from __future__ import annotations

from mongoengine import (BooleanField, DateTimeField, EmbeddedDocument, EmbeddedDocumentListField, IntField,
                         StringField)

from cadre_shared.outbox import OutboxDocument

from ...common.ids import utcnow


class AppendixRequirement(EmbeddedDocument):
    competency_code = StringField(required=True)
    min_level = IntField(required=True)
    leaders_only = BooleanField(default=False)


class AppendixVersion(EmbeddedDocument):
    version = IntField(required=True)
    title = StringField(required=True)
    requirements = EmbeddedDocumentListField(AppendixRequirement)
    changed_at = DateTimeField(default=utcnow)
    changed_by = StringField(null=True)


class AreaAppendix(OutboxDocument):
    meta = {"collection": "area_appendices"}
    id = StringField(primary_key=True, choices=("urban", "rural", "mountain"))  # the area
    title = StringField(required=True, max_length=200)
    requirements = EmbeddedDocumentListField(AppendixRequirement)
    version = IntField(required=True, default=1)
    versions = EmbeddedDocumentListField(AppendixVersion)

    def snapshot(self, changed_by: str | None) -> AppendixVersion:
        return AppendixVersion(version=self.version, title=self.title, requirements=self.requirements,
                               changed_by=changed_by)

    def state(self) -> dict:
        return {"area": self.id, "title": self.title, "version": self.version,
                "requirements": [{"competency_code": r.competency_code, "min_level": r.min_level,
                                  "leaders_only": bool(r.leaders_only)} for r in self.requirements]}
