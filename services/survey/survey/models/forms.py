"""Survey forms: one document per (code, version); versions are never changed once used."""
from __future__ import annotations

from datetime import datetime, timezone

from mongoengine import DateTimeField, DictField, Document, IntField, ListField, StringField
from mongoengine.errors import NotUniqueError

from ..domain.forms import DEFAULT_FORM


def form_id(code: str, version: int) -> str:
    return f"{code}:{version}"


class SurveyForm(Document):
    meta = {"collection": "survey_forms", "indexes": ["code"]}
    id = StringField(primary_key=True)
    code = StringField(required=True, max_length=40)
    version = IntField(required=True, min_value=1)
    title_vi = StringField(required=True)
    title_en = StringField(required=True)
    question_vi = StringField(required=True)
    question_en = StringField(required=True)
    indicators = ListField(DictField(), required=True)
    created_by = StringField(null=True)
    created_at = DateTimeField(default=lambda: datetime.now(timezone.utc))

    @property
    def indicator_keys(self) -> list[str]:
        return [item["key"] for item in self.indicators]

    @classmethod
    def latest(cls, code: str) -> "SurveyForm | None":
        return cls.objects(code=code).order_by("-version").first()

    @classmethod
    def ensure_default(cls) -> None:
        """Seed version 1 of the default form once (several workers may race: the first wins)."""
        try:
            cls(id=form_id(DEFAULT_FORM["code"], DEFAULT_FORM["version"]), **DEFAULT_FORM).save(force_insert=True)
        except NotUniqueError:
            pass
