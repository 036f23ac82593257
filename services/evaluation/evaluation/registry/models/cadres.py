"""Cadres (cán bộ, công chức cấp xã): the electronic dossier (hồ sơ điện tử)."""
from __future__ import annotations

from mongoengine import (BooleanField, DateField, DateTimeField, EmbeddedDocument,
                         EmbeddedDocumentListField, IntField, ListField, StringField)

from cadre_shared.outbox import OutboxDocument
from cadre_shared.sealing import SealedStringField

from ...common.ids import new_id, utcnow


class Assignment(EmbeddedDocument):
    """One line of the work history (quá trình công tác): where, as what, from when to when."""
    unit_id = StringField(null=True)          # null for posts outside the registry (before it existed)
    unit_name = StringField(required=True)
    department_code = StringField(null=True)
    position_id = StringField(null=True)
    position_title = StringField(null=True)
    position_version = IntField(null=True)
    kind = StringField(required=True)
    from_date = DateField(null=True)
    to_date = DateField(null=True)
    note = StringField(null=True)


class DisciplineRecord(EmbeddedDocument):
    """Kỷ luật (sensitive: the measure and the reason are sealed at rest, cadre_shared.sealing)."""
    id = StringField(required=True, default=new_id)
    measure = SealedStringField(required=True, seal_as="discipline.measure")
    decided_on = DateField(required=True)
    duty_related = BooleanField(required=True)
    reason = SealedStringField(required=True, seal_as="discipline.reason")
    recorded_by = StringField(required=True)
    recorded_at = DateTimeField(default=utcnow)


class Conclusion(EmbeddedDocument):
    """Formal conclusion of a competent body (kết luận), e.g. of degradation (sensitive: its type
    and summary are sealed at rest)."""
    id = StringField(required=True, default=new_id)
    type = SealedStringField(required=True, seal_as="conclusion.type")
    concluded_on = DateField(required=True)
    duty_related = BooleanField(required=True)
    summary = SealedStringField(required=True, seal_as="conclusion.summary")
    recorded_by = StringField(required=True)
    recorded_at = DateTimeField(default=utcnow)


class Assessment(EmbeddedDocument):
    """An assessed competency level, with its evidence and who assessed it."""
    id = StringField(required=True, default=new_id)
    competency_code = StringField(required=True)
    level = IntField(required=True)
    evidence = StringField(required=True)
    assessed_by = StringField(required=True)
    assessed_on = DateField(required=True)
    recorded_at = DateTimeField(default=utcnow)


class Cadre(OutboxDocument):
    meta = {"collection": "cadres",
            "indexes": [{"fields": ["code"], "unique": True}, "unit_id", "position_id", "gap_keys", "status"]}
    id = StringField(primary_key=True, default=new_id)
    code = StringField(required=True, max_length=40)
    full_name = StringField(required=True, max_length=120)
    name_folded = StringField(required=True)   # lower case, no diacritics: searched by name
    gender = StringField(required=True, choices=("female", "male", "other"))
    birth_year = IntField(required=True)
    ethnicity = SealedStringField(null=True, max_length=60, seal_as="cadre.ethnicity")  # sensitive: sealed at rest
    education = StringField(null=True)
    political_theory = StringField(null=True)
    digital_skill = StringField(null=True)
    unit_id = StringField(required=True)
    department_code = StringField(null=True)
    position_id = StringField(null=True)
    position_version = IntField(null=True)
    is_leader = BooleanField(default=False)
    reports_to = StringField(null=True)        # the direct leader HR named (domain.organisation), else derived
    appointed_on = DateField(null=True)
    probation_until = DateField(null=True)
    is_local = BooleanField(required=True, default=True)
    status = StringField(required=True, default="active", choices=("active", "left"))
    left_on = DateField(null=True)
    work_history = EmbeddedDocumentListField(Assignment)
    discipline = EmbeddedDocumentListField(DisciplineRecord)
    conclusions = EmbeddedDocumentListField(Conclusion)
    assessments = EmbeddedDocumentListField(Assessment)
    # The gap analysis as last published, kept current by every write that can change it (and
    # by the gap-refresh consumer when a standard changes): its item keys serve list filters,
    # its digest tells whether a new analysis differs. Documents stay small: FerretDB scans them.
    gap_keys = ListField(StringField())
    gaps_digest = StringField(null=True)
    gaps_version = IntField(default=0)
    # Whether the training service has reported a course result on the cadre (its records, kept in
    # ``cadre_training``, are not empty): until then the course items of the gaps are not known yet,
    # and the early warning does not judge them (risk/domain/standard.py). Written with the analysis
    # (handlers/cadre_writes.py); None on a cadre stored before this was kept: judged as before.
    training_reported = BooleanField(null=True)
    version = IntField(required=True, default=1)
    created_at = DateTimeField(default=utcnow)

    def state(self) -> dict:
        """The cadre as other services may know it: nothing sensitive."""
        return {"cadre_id": self.id, "code": self.code, "full_name": self.full_name, "gender": self.gender,
                "birth_year": self.birth_year, "unit_id": self.unit_id, "position_id": self.position_id,
                "position_version": self.position_version, "is_leader": bool(self.is_leader),
                "is_local": self.is_local, "status": self.status, "version": self.version,
                "department_code": self.department_code,
                "appointed_on": self.appointed_on.isoformat() if self.appointed_on else None}

    def gaps_state(self, gaps: list[dict]) -> dict:
        return {"cadre_id": self.id, "unit_id": self.unit_id, "position_id": self.position_id,
                "position_version": self.position_version, "gaps": gaps, "gaps_version": self.gaps_version}
