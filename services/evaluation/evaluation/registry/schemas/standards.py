"""HTTP contracts of the area appendices and of the vocabularies forms need."""
from marshmallow import ValidationError, fields, validate, validates_schema

from cadre_shared.schema_base import StrictSchema

from ...common.schemas import CODE, text
from .positions import CompetencyRequirementSchema


class AppendixRequirementSchema(StrictSchema):
    competency_code = fields.String(required=True, validate=CODE)
    min_level = fields.Integer(required=True, validate=validate.Range(min=1, max=10))
    leaders_only = fields.Boolean(load_default=False)


class AppendixIn(StrictSchema):
    title = text(200)
    requirements = fields.List(fields.Nested(AppendixRequirementSchema), required=True)
    version = fields.Integer(validate=validate.Range(min=1), metadata={
        "description": "Phiên bản đang sửa (tùy chọn): khác phiên bản hiện hành → 409 / the version the change is "
                       "based on (optional): another current version → 409"})

    @validates_schema
    def _no_repeats(self, data, **_kwargs):
        codes = [r["competency_code"] for r in data.get("requirements") or []]
        if len(codes) != len(set(codes)):
            raise ValidationError({"requirements": ["Năng lực bị trùng / duplicate competency"]})


class AppendixOut(StrictSchema):
    area = fields.String()
    title = fields.String()
    requirements = fields.List(fields.Nested(AppendixRequirementSchema))
    version = fields.Integer()


class ChoiceOut(StrictSchema):
    code = fields.String()
    label = fields.String()


class VocabulariesOut(StrictSchema):
    """Every closed list of the registry with its labels, ordered scales lowest first."""
    education = fields.List(fields.Nested(ChoiceOut))
    political_theory = fields.List(fields.Nested(ChoiceOut))
    digital_skill = fields.List(fields.Nested(ChoiceOut))
    discipline_measure = fields.List(fields.Nested(ChoiceOut))
    course_categories = fields.List(fields.Nested(ChoiceOut))
    conclusion_types = fields.List(fields.Nested(ChoiceOut))
    competency_groups = fields.List(fields.Nested(ChoiceOut))
    areas = fields.List(fields.Nested(ChoiceOut))
    unit_kinds = fields.List(fields.Nested(ChoiceOut))
    move_kinds = fields.List(fields.Nested(ChoiceOut))
    genders = fields.List(fields.Nested(ChoiceOut))
    key_titles = fields.List(fields.Nested(ChoiceOut))


class PositionCompetenciesIn(StrictSchema):
    """A position's required competencies alone; the rest of its standard stays as it is."""
    required_competencies = fields.List(fields.Nested(CompetencyRequirementSchema), required=True)
    version = fields.Integer(required=True, validate=validate.Range(min=1), metadata={
        "description": "Phiên bản vị trí đang sửa: khác phiên bản hiện hành → 409 / the position version the change is "
                       "based on: another current version → 409"})
    note = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=500))

    @validates_schema
    def _no_repeats(self, data, **_kwargs):
        codes = [r["competency_code"] for r in data.get("required_competencies") or []]
        if len(codes) != len(set(codes)):
            raise ValidationError({"required_competencies": ["Năng lực bị trùng / duplicate competency"]})
