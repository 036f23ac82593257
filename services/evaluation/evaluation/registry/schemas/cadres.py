"""HTTP contracts of the cadre e-dossier (hồ sơ điện tử) and its records."""
from marshmallow import ValidationError, fields, validate, validates_schema

from cadre_shared.clock import today
from cadre_shared.schema_base import StrictSchema

from ...common.schemas import CODE, ID, PageQuery, one_of, patch_text, text
from ..domain.dossier import birth_year_bounds
from ..domain.scales import (CONCLUSION_TYPES, DIGITAL_SKILL, DISCIPLINE_MEASURES, EDUCATION, GENDERS, MOVE_KINDS,
                             POLITICAL_THEORY)

SENSITIVE_NOTE = ("Chỉ trả về cho người có quyền (Ban Tổ chức tỉnh, thanh tra, cán bộ tổ chức của đơn vị, chính cán "
                  "bộ đó) / only for roles that need it (province HR, auditor, the unit's HR, the cadre)")


REPORTS_TO = ("Lãnh đạo trực tiếp do bộ phận tổ chức chỉ định (cùng đơn vị; null: theo tổ chức phòng, ban) / the direct "
              "leader HR names (same unit; null: as the departments say)")


def check_birth_year(value: int) -> None:
    low, high = birth_year_bounds(today())
    if not low <= value <= high:
        raise ValidationError(f"Năm sinh phải trong khoảng {low}–{high} / birth year must be between {low} and {high}")


class _DossierFields(StrictSchema):
    """Optional dossier fields shared by create and update."""
    ethnicity = text(60, required=False, metadata={"description": "Dân tộc (nhạy cảm) / ethnicity (sensitive)"})
    education = one_of(EDUCATION.codes, load_default=None)
    political_theory = one_of(POLITICAL_THEORY.codes, load_default=None)
    digital_skill = one_of(DIGITAL_SKILL.codes, load_default=None)
    department_code = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=20))
    appointed_on = fields.Date(load_default=None, allow_none=True)
    probation_until = fields.Date(load_default=None, allow_none=True,
                                  metadata={"description": "Thử thách đến hết ngày / probation ends (inclusive)"})


def probation_after_appointment(data) -> None:
    appointed, probation = data.get("appointed_on"), data.get("probation_until")
    if appointed and probation and probation < appointed:
        raise ValidationError({"probation_until": ["Ngày hết thử thách phải sau ngày bổ nhiệm / "
                                                   "probation must end after the appointment"]})


class CadreIn(_DossierFields):
    code = fields.String(required=True, validate=CODE)
    full_name = fields.String(required=True, validate=validate.Length(min=2, max=120))
    gender = one_of(GENDERS, required=True)
    birth_year = fields.Integer(required=True, validate=check_birth_year)
    unit_id = fields.String(required=True, validate=ID)
    position_id = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=64))
    is_local = fields.Boolean(load_default=True)

    @validates_schema
    def _dates(self, data, **_kwargs):
        probation_after_appointment(data)


class CadrePatch(StrictSchema):
    """Personal and qualification fields; unit and position change through a move."""
    full_name = fields.String(validate=validate.Length(min=2, max=120))
    gender = one_of(GENDERS, allow_none=False)
    birth_year = fields.Integer(validate=check_birth_year)
    ethnicity = patch_text(60, nullable=True)
    education = one_of(EDUCATION.codes)
    political_theory = one_of(POLITICAL_THEORY.codes)
    digital_skill = one_of(DIGITAL_SKILL.codes)
    department_code = fields.String(allow_none=True, validate=validate.Length(max=20))
    appointed_on = fields.Date(allow_none=True)
    probation_until = fields.Date(allow_none=True)
    is_local = fields.Boolean()
    reports_to = fields.String(allow_none=True, validate=ID, metadata={"description": REPORTS_TO})


class AssignmentSchema(StrictSchema):
    unit_id = fields.String(allow_none=True)
    unit_name = fields.String()
    department_code = fields.String(allow_none=True)
    position_id = fields.String(allow_none=True)
    position_title = fields.String(allow_none=True)
    position_version = fields.Integer(allow_none=True)
    kind = fields.String()
    from_date = fields.Date(allow_none=True)
    to_date = fields.Date(allow_none=True)
    note = fields.String(allow_none=True)


class PastAssignmentIn(StrictSchema):
    """A post held before (possibly outside the registry), for the work history."""
    unit_name = text(200)
    position_title = text(200)
    kind = one_of(MOVE_KINDS, load_default="appointment", allow_none=False)
    from_date = fields.Date(required=True)
    to_date = fields.Date(required=True)
    note = text(500, required=False)

    @validates_schema
    def _order(self, data, **_kwargs):
        if data.get("from_date") and data.get("to_date") and data["to_date"] < data["from_date"]:
            raise ValidationError({"to_date": ["Ngày kết thúc phải sau ngày bắt đầu / must be after from_date"]})


class MoveIn(StrictSchema):
    """Luân chuyển, điều động, bổ nhiệm: the cadre takes a new unit and/or position."""
    unit_id = fields.String(required=True, validate=ID)
    position_id = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=64))
    department_code = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=20))
    kind = one_of(MOVE_KINDS, required=True)
    effective_on = fields.Date(required=True)
    probation_until = fields.Date(load_default=None, allow_none=True)
    note = text(500, required=False)

    @validates_schema
    def _dates(self, data, **_kwargs):
        if data.get("probation_until") and data.get("effective_on") and data["probation_until"] < data["effective_on"]:
            raise ValidationError({"probation_until": ["Ngày hết thử thách phải sau ngày hiệu lực / "
                                                       "probation must end after the move"]})


class LeaveIn(StrictSchema):
    left_on = fields.Date(required=True)
    reason = text(500)


class DisciplineIn(StrictSchema):
    measure = one_of(DISCIPLINE_MEASURES.codes, required=True)
    decided_on = fields.Date(required=True)
    duty_related = fields.Boolean(required=True, metadata={"description": "Vi phạm liên quan đến thực thi công vụ"})
    reason = text(1000)


class DisciplineOut(DisciplineIn):
    id = fields.String()
    recorded_by = fields.String()
    recorded_at = fields.DateTime()


class ConclusionIn(StrictSchema):
    type = one_of(CONCLUSION_TYPES, required=True)
    concluded_on = fields.Date(required=True)
    duty_related = fields.Boolean(required=True)
    summary = text(2000)


class ConclusionOut(ConclusionIn):
    id = fields.String()
    recorded_by = fields.String()
    recorded_at = fields.DateTime()


class AssessmentItemIn(StrictSchema):
    competency_code = fields.String(required=True, validate=CODE)
    level = fields.Integer(required=True, validate=validate.Range(min=1, max=10))
    evidence = text(1000, metadata={"description": "Minh chứng / evidence (document, link, product)"})
    assessed_on = fields.Date(required=True)


class AssessmentsIn(StrictSchema):
    assessments = fields.List(fields.Nested(AssessmentItemIn), required=True, validate=validate.Length(min=1, max=50))


class AssessmentOut(AssessmentItemIn):
    id = fields.String()
    assessed_by = fields.String()
    recorded_at = fields.DateTime()


class CompetencyLevelOut(StrictSchema):
    """The current (latest) assessed level of one competency."""
    competency_code = fields.String()
    level = fields.Integer()
    evidence = fields.String()
    assessed_by = fields.String()
    assessed_on = fields.Date()


class CadreOut(StrictSchema):
    """A cadre as lists show it (no sensitive field)."""
    id = fields.String()
    code = fields.String()
    full_name = fields.String()
    gender = fields.String()
    birth_year = fields.Integer()
    unit_id = fields.String()
    department_code = fields.String(allow_none=True)
    position_id = fields.String(allow_none=True)
    position_version = fields.Integer(allow_none=True)
    is_leader = fields.Boolean()
    reports_to = fields.String(allow_none=True, metadata={"description": REPORTS_TO})
    is_local = fields.Boolean()
    education = fields.String(allow_none=True)
    political_theory = fields.String(allow_none=True)
    digital_skill = fields.String(allow_none=True)
    appointed_on = fields.Date(allow_none=True)
    probation_until = fields.Date(allow_none=True)
    on_probation = fields.Boolean()
    status = fields.String()
    left_on = fields.Date(allow_none=True)
    gap_keys = fields.List(fields.String(), metadata={"description": "Các mục chưa đạt chuẩn / unmet standard items"})
    version = fields.Integer()


class CadreDossierOut(CadreOut):
    """The full e-dossier. Sensitive fields are present only for roles allowed to see them."""
    ethnicity = fields.String(allow_none=True, metadata={"description": SENSITIVE_NOTE})
    discipline = fields.List(fields.Nested(DisciplineOut), metadata={"description": SENSITIVE_NOTE})
    conclusions = fields.List(fields.Nested(ConclusionOut), metadata={"description": SENSITIVE_NOTE})
    work_history = fields.List(fields.Nested(AssignmentSchema))
    competencies = fields.List(fields.Nested(CompetencyLevelOut))


class CadreQuery(PageQuery):
    q = fields.String(validate=validate.Length(max=100),
                      metadata={"description": "Tên (có hoặc không dấu) hoặc mã / name with or without diacritics, or code"})
    unit_id = fields.String(validate=ID)
    position_id = fields.String(validate=ID)
    area = one_of(("urban", "rural", "mountain"))
    on_probation = fields.Boolean()
    is_local = fields.Boolean()
    is_leader = fields.Boolean()
    has_gaps = fields.Boolean()
    gap = fields.String(validate=validate.Length(max=80),
                        metadata={"description": "Thiếu mục này, ví dụ digital_skill, course:digital_skills, "
                                                 "competency:NL-PT-02 / lacking this item"})
    status = one_of(("active", "left", "all"), load_default="active", allow_none=False)
