"""HTTP contracts of the competency framework (khung năng lực)."""
from marshmallow import ValidationError, fields, validate, validates_schema

from cadre_shared.schema_base import StrictSchema

from ...common.schemas import CODE, one_of, patch_text, text
from ..domain.scales import COMPETENCY_GROUPS

DEFAULT_SCALE = [{"level": 1, "label": "Biết / Aware"}, {"level": 2, "label": "Hiểu / Understands"},
                 {"level": 3, "label": "Vận dụng / Applies"}, {"level": 4, "label": "Thành thạo / Proficient"},
                 {"level": 5, "label": "Chuyên gia / Expert"}]
DEFAULT_PROFICIENT = 4


class ScaleLevelSchema(StrictSchema):
    level = fields.Integer(required=True, validate=validate.Range(min=1, max=10))
    label = text(120)


def check_scale(levels, proficient_level) -> None:
    """Levels numbered 1, 2, … in order; the proficient level is one of them."""
    numbers = [lv["level"] for lv in levels]
    if numbers != list(range(1, len(numbers) + 1)) or len(numbers) < 2:
        raise ValidationError({"levels": ["Các mức phải đánh số liên tiếp 1, 2, … (ít nhất 2 mức) / "
                                          "levels must be numbered 1, 2, … in order (at least 2)"]})
    if proficient_level not in numbers:
        raise ValidationError({"proficient_level": ["Mức thành thạo phải là một trong các mức / "
                                                    "proficient level must be one of the levels"]})


class CompetencyIn(StrictSchema):
    code = fields.String(required=True, validate=CODE)
    name = text(200)
    group = one_of(COMPETENCY_GROUPS, required=True)
    description = text(2000, required=False)
    levels = fields.List(fields.Nested(ScaleLevelSchema), load_default=lambda: [dict(x) for x in DEFAULT_SCALE],
                         metadata={"description": "Thang mức từ thấp đến cao; mặc định 5 mức / "
                                                  "ordered scale, lowest first; 5 levels by default"})
    proficient_level = fields.Integer(load_default=DEFAULT_PROFICIENT)

    @validates_schema
    def _scale(self, data, **_kwargs):
        if "levels" in data and "proficient_level" in data:
            check_scale(data["levels"], data["proficient_level"])


class CompetencyPatch(StrictSchema):
    version = fields.Integer(validate=validate.Range(min=1), metadata={
        "description": "Phiên bản đang sửa (tùy chọn): khác phiên bản hiện hành → 409 / the version the change is "
                       "based on (optional): another current version → 409"})
    name = patch_text(200)
    group = one_of(COMPETENCY_GROUPS, allow_none=False)
    description = patch_text(2000, nullable=True)
    levels = fields.List(fields.Nested(ScaleLevelSchema))
    proficient_level = fields.Integer()


class CompetencyOut(StrictSchema):
    id = fields.String()
    code = fields.String()
    name = fields.String()
    group = fields.String()
    description = fields.String(allow_none=True)
    levels = fields.List(fields.Nested(ScaleLevelSchema))
    proficient_level = fields.Integer()
    version = fields.Integer()


class CompetencyQuery(StrictSchema):
    code = fields.String(validate=CODE)
    group = one_of(COMPETENCY_GROUPS)
