"""HTTP contracts of the course catalogue and the role requirements."""
from marshmallow import ValidationError, fields, validate, validates_schema

from cadre_shared.schema_base import StrictSchema

from ..domain.catalogue import CATEGORIES, LEADERSHIP_PROGRAMME

CODE = validate.Regexp(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$",
                       error="Mã gồm chữ, số, dấu . _ - (tối đa 40 ký tự) / letters, digits, . _ - (max 40)")
CATEGORY = validate.OneOf(CATEGORIES, error="Nhóm nội dung không hợp lệ / unknown content category")
MONTHS = validate.Range(min=0, max=240, error="Số tháng từ 0 đến 240 / months between 0 and 240")
POSITIVE_MONTHS = validate.Range(min=1, max=240, error="Số tháng từ 1 đến 240 / months between 1 and 240")


class CourseFields(StrictSchema):
    title = fields.String(required=True, validate=validate.Length(min=2, max=200))
    category = fields.String(required=True, validate=CATEGORY)
    hours = fields.Float(required=True, validate=validate.Range(min=0.5, max=5000))
    certificate_months = fields.Integer(load_default=None, allow_none=True, validate=POSITIVE_MONTHS,
                                        metadata={"description": "Hiệu lực chứng chỉ (tháng), null: không hết hạn / "
                                                                 "certificate validity in months, null: never expires"})
    competencies = fields.List(fields.String(validate=CODE), load_default=list, validate=validate.Length(max=20))


class CourseIn(CourseFields):
    code = fields.String(required=True, validate=CODE)


class CourseOut(StrictSchema):
    code = fields.String()
    leadership_programme = fields.Function(lambda c: c.code == LEADERSHIP_PROGRAMME)
    title = fields.String()
    category = fields.String()
    hours = fields.Float()
    certificate_months = fields.Integer(allow_none=True)
    competencies = fields.List(fields.String())


class CourseQuery(StrictSchema):
    category = fields.String(validate=CATEGORY)


class RequirementFields(StrictSchema):
    title = fields.String(required=True, validate=validate.Length(min=2, max=200))
    course_code = fields.String(load_default=None, allow_none=True, validate=CODE)
    category = fields.String(load_default=None, allow_none=True, validate=CATEGORY)
    due_within_months = fields.Integer(required=True, validate=MONTHS,
                                       metadata={"description": "Hạn, tính từ ngày bổ nhiệm / due, from appointment"})
    repeat_every_months = fields.Integer(load_default=None, allow_none=True, validate=POSITIVE_MONTHS)
    position_codes = fields.List(fields.String(validate=CODE), load_default=list, validate=validate.Length(max=50))
    task_groups = fields.List(fields.String(validate=validate.Length(min=1, max=120)), load_default=list,
                              validate=validate.Length(max=20))
    leaders = fields.Boolean(load_default=None, allow_none=True,
                             metadata={"description": "true: chỉ lãnh đạo, false: chỉ không lãnh đạo, null: mọi người "
                                                      "/ leaders only, non-leaders only, everyone"})

    @validates_schema
    def _one_target(self, data, **_kwargs):
        if bool(data.get("course_code")) == bool(data.get("category")):
            message = "Chọn đúng một: khóa học hoặc nhóm nội dung / give exactly one of course_code and category"
            raise ValidationError({"course_code": [message], "category": [message]})


class RequirementIn(RequirementFields):
    code = fields.String(required=True, validate=CODE)


class RequirementOut(StrictSchema):
    code = fields.String()
    title = fields.String()
    course_code = fields.String(allow_none=True)
    category = fields.String(allow_none=True)
    due_within_months = fields.Integer()
    repeat_every_months = fields.Integer(allow_none=True)
    position_codes = fields.List(fields.String())
    task_groups = fields.List(fields.String())
    leaders = fields.Boolean(allow_none=True)
    leadership_programme = fields.Function(
        lambda r: r.course_code == LEADERSHIP_PROGRAMME,
        metadata={"description": "Chương trình bồi dưỡng lãnh đạo cấp phòng 4 tuần / the 4-week department-level "
                                 "leadership programme (PRODUCT.md §3.4)"})
