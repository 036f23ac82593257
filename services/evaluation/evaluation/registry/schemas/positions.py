"""HTTP contracts of positions (vị trí việc làm) and their standards (tiêu chuẩn)."""
from marshmallow import ValidationError, fields, validate, validates_schema

from cadre_shared.schema_base import StrictSchema

from ...common.schemas import CODE, one_of, patch_text, text
from ..domain.key_titles import KEY_TITLES
from ..domain.organisation import LEADERSHIP
from ..domain.scales import COURSE_CATEGORIES, DIGITAL_SKILL, EDUCATION, POLITICAL_THEORY


class CompetencyRequirementSchema(StrictSchema):
    competency_code = fields.String(required=True, validate=CODE)
    min_level = fields.Integer(required=True, validate=validate.Range(min=1, max=10))


class StandardSchema(StrictSchema):
    """Tiêu chuẩn of a position; every item optional (nothing required means always met)."""
    min_education = one_of(EDUCATION.codes, load_default=None)
    min_political_theory = one_of(POLITICAL_THEORY.codes, load_default=None)
    min_digital_skill = one_of(DIGITAL_SKILL.codes, load_default=None)
    required_course_categories = fields.List(one_of(COURSE_CATEGORIES, required=True, allow_none=False),
                                             load_default=list)
    required_competencies = fields.List(fields.Nested(CompetencyRequirementSchema), load_default=list)

    @validates_schema
    def _no_repeats(self, data, **_kwargs):
        categories = data.get("required_course_categories") or []
        if len(categories) != len(set(categories)):
            raise ValidationError({"required_course_categories": ["Nhóm khóa học bị trùng / duplicate category"]})
        codes = [r["competency_code"] for r in data.get("required_competencies") or []]
        if len(codes) != len(set(codes)):
            raise ValidationError({"required_competencies": ["Năng lực bị trùng / duplicate competency"]})


class PositionIn(StrictSchema):
    code = fields.String(required=True, validate=CODE)
    title = text(200)
    task_group = text(80, metadata={"description": "Nhóm có nhiệm vụ tương đồng / similar-task group"})
    is_leader = fields.Boolean(required=True)
    leadership = one_of(LEADERSHIP, load_default="none", allow_none=False, metadata={"description": (
        "Người giữ vị trí đứng đầu gì: none (không), department_head (trưởng phòng, ban, trung tâm), "
        "department_deputy (phó), unit_chief (Chủ tịch UBND), unit_deputy (Phó Chủ tịch); quyết định ai là lãnh "
        "đạo trực tiếp của ai trong đánh giá 360 / what a holder heads: decides who leads whom in the 360 round")})
    key_title = one_of(KEY_TITLES, load_default=None, metadata={"description": (
        "Chức danh chủ chốt của người giữ vị trí (quy hoạch cán bộ): party_secretary, deputy_secretary, "
        "pc_chairman, pc_vice_chairman, council_chairman, inspection_head, police_chief, military_commander; "
        "null nếu không / the key title a holder has, for succession plans; null if none")})
    standard = fields.Nested(StandardSchema, load_default=None, allow_none=True)


class PositionPatch(StrictSchema):
    """Any change makes a new version; records made earlier keep their version."""
    code = fields.String(validate=CODE)
    title = patch_text(200)
    task_group = patch_text(80)
    is_leader = fields.Boolean()
    leadership = one_of(LEADERSHIP, allow_none=False, metadata={"description": (
        "Người giữ vị trí đứng đầu gì: none (không), department_head (trưởng phòng, ban, trung tâm), "
        "department_deputy (phó), unit_chief (Chủ tịch UBND), unit_deputy (Phó Chủ tịch); quyết định ai là lãnh "
        "đạo trực tiếp của ai trong đánh giá 360 / what a holder heads: decides who leads whom in the 360 round")})
    key_title = one_of(KEY_TITLES, metadata={"description": (
        "Chức danh chủ chốt của người giữ vị trí (quy hoạch cán bộ): party_secretary, deputy_secretary, "
        "pc_chairman, pc_vice_chairman, council_chairman, inspection_head, police_chief, military_commander; "
        "null nếu không / the key title a holder has, for succession plans; null if none")})
    standard = fields.Nested(StandardSchema)
    note = patch_text(500, nullable=True, metadata={"description": "Lý do thay đổi / why it changed"})


class PositionOut(StrictSchema):
    id = fields.String()
    code = fields.String()
    title = fields.String()
    task_group = fields.String()
    is_leader = fields.Boolean()
    leadership = fields.String()
    key_title = fields.String(allow_none=True)
    standard = fields.Nested(StandardSchema)
    version = fields.Integer()


class PositionVersionOut(StrictSchema):
    version = fields.Integer()
    code = fields.String()
    title = fields.String()
    task_group = fields.String()
    is_leader = fields.Boolean()
    leadership = fields.String()
    key_title = fields.String(allow_none=True)
    standard = fields.Nested(StandardSchema)
    changed_at = fields.DateTime()
    changed_by = fields.String(allow_none=True)
    note = fields.String(allow_none=True)


class PositionQuery(StrictSchema):
    code = fields.String(validate=CODE)
    task_group = fields.String(validate=validate.Length(max=80))
    is_leader = fields.Boolean()
    key_title = fields.String(validate=validate.OneOf(list(KEY_TITLES)))
