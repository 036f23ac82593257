"""HTTP contracts of compliance and training plans."""
from marshmallow import fields, validate

from cadre_shared.schema_base import StrictSchema

from ..domain.compliance import STATUS_LABELS
from .catalogue import CourseOut


class SummaryOut(StrictSchema):
    required = fields.Integer()
    done = fields.Integer()
    due_soon = fields.Integer()
    overdue = fields.Integer()
    expired = fields.Integer()
    not_due = fields.Integer()


class ResultOut(StrictSchema):
    id = fields.String()
    course_code = fields.String()
    category = fields.String()
    session = fields.String()
    completed_on = fields.String(metadata={"description": "ISO 8601 (yyyy-mm-dd)"})
    passed = fields.Boolean()
    hours = fields.Float()
    certificate_expires_on = fields.String(allow_none=True, metadata={"description": "ISO 8601 (yyyy-mm-dd)"})


class LastResultOut(StrictSchema):
    course_code = fields.String()
    session = fields.String()
    completed_on = fields.Date()
    certificate_expires_on = fields.Date(allow_none=True)


class ItemOut(StrictSchema):
    requirement = fields.Function(lambda i: i.requirement.code)
    title = fields.Function(lambda i: i.requirement.title)
    course_code = fields.Function(lambda i: i.requirement.course_code)
    category = fields.Function(lambda i: i.requirement.category)
    status = fields.String()
    status_label = fields.Function(lambda i: STATUS_LABELS[i.status])
    due_on = fields.Date(allow_none=True)
    last = fields.Nested(LastResultOut, allow_none=True)


class CadreComplianceOut(StrictSchema):
    cadre_id = fields.String()
    code = fields.String()
    full_name = fields.String()
    unit_id = fields.String()
    as_of = fields.Date()
    summary = fields.Nested(SummaryOut)
    items = fields.List(fields.Nested(ItemOut))


class CadreRowOut(StrictSchema):
    cadre_id = fields.String()
    code = fields.String()
    full_name = fields.String()
    summary = fields.Nested(SummaryOut)


class RequirementRowOut(SummaryOut):
    requirement = fields.String()
    title = fields.String()


class AttentionOut(StrictSchema):
    cadre_id = fields.String()
    full_name = fields.String()
    requirement = fields.String()
    title = fields.String()
    status = fields.String(metadata={"description": "overdue | expired | due_soon"})
    status_label = fields.Function(lambda a: STATUS_LABELS[a["status"]])
    due_on = fields.String(allow_none=True, metadata={"description": "ISO 8601 (yyyy-mm-dd)"})


class UnitComplianceOut(StrictSchema):
    unit_id = fields.String()
    as_of = fields.Date()
    cadres = fields.Integer()
    summary = fields.Nested(SummaryOut)
    by_cadre = fields.List(fields.Nested(CadreRowOut))
    by_requirement = fields.List(fields.Nested(RequirementRowOut), metadata={
        "description": "Theo yêu cầu: số cán bộ phải đạt và tình trạng / per requirement: cadres it applies to, by status"})
    attention = fields.List(fields.Nested(AttentionOut), metadata={
        "description": "Việc cần làm: quá hạn, chứng chỉ hết hạn, sắp đến hạn — gấp nhất trước / "
                       "items needing action, most urgent first"})


class PlanEntryOut(StrictSchema):
    reason = fields.String(metadata={"description": (
        "intervention (biện pháp hỗ trợ của cảnh báo sớm) | requirement (yêu cầu theo vị trí) | "
        "succession (quy hoạch chức danh) | gap (khoảng trống năng lực)")})
    key = fields.String()
    title = fields.String()
    status = fields.String(allow_none=True)
    due_on = fields.Date(allow_none=True)
    courses = fields.List(fields.Nested(CourseOut))


class PlanOut(StrictSchema):
    cadre_id = fields.String()
    full_name = fields.String()
    as_of = fields.Date()
    entries = fields.List(fields.Nested(PlanEntryOut))


class UnitOverviewOut(StrictSchema):
    unit_id = fields.String()
    name = fields.String()
    kind = fields.String()
    cadres = fields.Integer()
    summary = fields.Nested(SummaryOut)
    as_of = fields.Date(metadata={"description": "the day the unit's figures were computed for (the daily job "
                                                 "computes every unit for the new day after midnight)"})


class ExportQuery(StrictSchema):
    unit_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
