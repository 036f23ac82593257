"""Positions (vị trí việc làm / chức danh) with their standard, versioned.

Every change makes a new version; the snapshots of all versions stay inside the position
document (one document, so the change, its snapshot and its event are one atomic write),
and records made under an older version keep pointing at it by number.
"""
from __future__ import annotations

from mongoengine import (BooleanField, DateTimeField, EmbeddedDocument, EmbeddedDocumentField,
                         EmbeddedDocumentListField, IntField, ListField, StringField)

from cadre_shared.outbox import OutboxDocument

from ...common.ids import new_id, utcnow
from ..domain.key_titles import KEY_TITLES
from ..domain.organisation import LEADERSHIP


class CompetencyRequirement(EmbeddedDocument):
    competency_code = StringField(required=True)
    min_level = IntField(required=True)


class PositionStandard(EmbeddedDocument):
    """Tiêu chuẩn: minimum education, political theory, digital skill, required course
    categories and required competencies with a minimum level each."""
    min_education = StringField(null=True)
    min_political_theory = StringField(null=True)
    min_digital_skill = StringField(null=True)
    required_course_categories = ListField(StringField())
    required_competencies = EmbeddedDocumentListField(CompetencyRequirement)


class PositionVersion(EmbeddedDocument):
    """An immutable snapshot of one version of a position and its standard."""
    version = IntField(required=True)
    code = StringField(required=True)
    title = StringField(required=True)
    task_group = StringField(required=True)
    is_leader = BooleanField(required=True)
    leadership = StringField(default="none")
    key_title = StringField(null=True)
    standard = EmbeddedDocumentField(PositionStandard, default=PositionStandard)
    changed_at = DateTimeField(default=utcnow)
    changed_by = StringField(null=True)
    note = StringField(null=True)


class Position(OutboxDocument):
    """Vị trí việc làm / chức danh, in a similar-task group (nhóm có nhiệm vụ tương đồng)."""

    meta = {"collection": "positions", "indexes": [{"fields": ["code"], "unique": True}]}
    id = StringField(primary_key=True, default=new_id)
    code = StringField(required=True, max_length=40)
    title = StringField(required=True, max_length=200)
    task_group = StringField(required=True, max_length=80)
    is_leader = BooleanField(required=True, default=False)
    # What a holder of this position heads (domain.organisation.LEADERSHIP), which tells who
    # rates whom in the 360 round and whom a leader manages (criterion d).
    leadership = StringField(required=True, default="none", choices=LEADERSHIP)
    # The key title (domain.key_titles) a holder of this position has, if any: succession plans
    # name candidates for these.
    key_title = StringField(null=True, choices=tuple(KEY_TITLES))
    standard = EmbeddedDocumentField(PositionStandard, default=PositionStandard)
    version = IntField(required=True, default=1)
    versions = EmbeddedDocumentListField(PositionVersion)
    created_at = DateTimeField(default=utcnow)

    def snapshot(self, changed_by: str | None, note: str | None = None) -> PositionVersion:
        return PositionVersion(version=self.version, code=self.code, title=self.title, task_group=self.task_group,
                               is_leader=self.is_leader, leadership=self.leadership, key_title=self.key_title,
                               standard=self.standard,
                               changed_by=changed_by, note=note)

    def version_of(self, number: int) -> PositionVersion | None:
        return next((v for v in self.versions if v.version == number), None)

    def state(self) -> dict:
        standard = self.standard or PositionStandard()
        return {"position_id": self.id, "code": self.code, "title": self.title, "task_group": self.task_group,
                "is_leader": self.is_leader, "leadership": self.leadership or "none", "key_title": self.key_title,
                "version": self.version,
                "standard": {
                    "min_education": standard.min_education,
                    "min_political_theory": standard.min_political_theory,
                    "min_digital_skill": standard.min_digital_skill,
                    "required_course_categories": list(standard.required_course_categories),
                    "required_competencies": [{"competency_code": r.competency_code, "min_level": r.min_level}
                                              for r in standard.required_competencies]}}
