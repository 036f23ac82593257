"""The competency framework (khung năng lực): competencies in the resolution's groups, each on
its own ordered scale with a marked "proficient" level; versioned like positions."""
from __future__ import annotations

from mongoengine import (DateTimeField, EmbeddedDocument, EmbeddedDocumentListField, IntField, StringField)

from cadre_shared.outbox import OutboxDocument

from ...common.ids import new_id, utcnow


class ScaleLevel(EmbeddedDocument):
    level = IntField(required=True)
    label = StringField(required=True, max_length=120)


class CompetencyVersion(EmbeddedDocument):
    version = IntField(required=True)
    name = StringField(required=True)
    group = StringField(required=True)
    description = StringField(null=True)
    levels = EmbeddedDocumentListField(ScaleLevel)
    proficient_level = IntField(required=True)
    changed_at = DateTimeField(default=utcnow)
    changed_by = StringField(null=True)


class Competency(OutboxDocument):
    meta = {"collection": "competencies", "indexes": [{"fields": ["code"], "unique": True}, "group"]}
    id = StringField(primary_key=True, default=new_id)
    code = StringField(required=True, max_length=40)
    name = StringField(required=True, max_length=200)
    group = StringField(required=True, choices=("political_ethics", "public_duty", "development"))
    description = StringField(null=True, max_length=2000)
    levels = EmbeddedDocumentListField(ScaleLevel)
    proficient_level = IntField(required=True)
    version = IntField(required=True, default=1)
    versions = EmbeddedDocumentListField(CompetencyVersion)
    created_at = DateTimeField(default=utcnow)

    def snapshot(self, changed_by: str | None) -> CompetencyVersion:
        return CompetencyVersion(version=self.version, name=self.name, group=self.group,
                                 description=self.description, levels=self.levels,
                                 proficient_level=self.proficient_level, changed_by=changed_by)

    def state(self) -> dict:
        return {"competency_id": self.id, "code": self.code, "name": self.name, "group": self.group,
                "levels": [{"level": s.level, "label": s.label} for s in self.levels],
                "proficient_level": self.proficient_level, "version": self.version}
