"""HTTP contracts of output tasks (sản phẩm) (PRODUCT.md §5)."""
from marshmallow import ValidationError, fields, validate, validates_schema

from cadre_shared.schema_base import StrictSchema, period_code

from ...common.schemas import ID, PageQuery

_count = {"strict": True, "validate": validate.Range(min=0, max=1000)}
_coefficient = validate.Range(min=0, max=100, min_inclusive=False,
                              error="Hệ số quy đổi phải lớn hơn 0 và không quá 100 / must be > 0 and ≤ 100")
_url = {"allow_none": True, "schemes": {"http", "https"}, "validate": validate.Length(max=1000)}


class OutputTaskIn(StrictSchema):
    cadre_id = fields.String(required=True, validate=ID)
    period = period_code(required=True)
    title = fields.String(required=True, validate=validate.Length(min=1, max=300))
    coefficient = fields.Float(required=True, validate=_coefficient,
                               metadata={"description": "Hệ số quy đổi k / conversion coefficient"})
    due_on = fields.Date(required=True)
    evidence_url = fields.URL(load_default=None, **_url)


class BatchTaskIn(StrictSchema):
    """One task of a batch, with its outcome: ``key`` names it in the cadre's sheet, so sending the
    batch again replaces the same tasks instead of adding others."""
    cadre_id = fields.String(required=True, validate=ID)
    key = fields.String(required=True, validate=validate.Regexp(r"^[0-9a-f]{8}$", error=(
        "Khóa gồm 8 chữ số thập lục phân / key: 8 hexadecimal digits")))
    title = fields.String(required=True, validate=validate.Length(min=1, max=300))
    coefficient = fields.Float(required=True, validate=_coefficient)
    due_on = fields.Date(required=True)
    completed_on = fields.Date(load_default=None, allow_none=True)
    quality_failures = fields.Integer(load_default=0, **_count)
    delays = fields.Integer(load_default=0, **_count)


class TaskBatchIn(StrictSchema):
    period = period_code(required=True)
    tasks = fields.List(fields.Nested(BatchTaskIn), required=True, validate=validate.Length(min=1, max=1000))


class TaskBatchOut(StrictSchema):
    period = fields.String()
    created = fields.Integer()
    replaced = fields.Integer()
    cadres = fields.Integer()


class OutputTaskPatch(StrictSchema):
    completed_on = fields.Date(allow_none=True, metadata={"description": "Ngày hoàn thành (null: chưa) / done on"})
    quality_failures = fields.Integer(**_count)
    delays = fields.Integer(**_count)
    exempt_quality_failures = fields.Integer(**_count, metadata={
        "description": "Lỗi chất lượng do nguyên nhân khách quan được xác nhận / confirmed as objective"})
    exempt_delays = fields.Integer(**_count)
    evidence_url = fields.URL(**_url)
    title = fields.String(validate=validate.Length(min=1, max=300))
    coefficient = fields.Float(validate=_coefficient)
    due_on = fields.Date()

    @validates_schema
    def something_to_change(self, data, **_kwargs):
        if not data:
            raise ValidationError("Không có gì để thay đổi / nothing to change", "_schema")


class OutputTaskOut(StrictSchema):
    id = fields.String()
    cadre_id = fields.String()
    unit_id = fields.String()
    period = fields.String()
    title = fields.String()
    coefficient = fields.Float()
    due_on = fields.Date()
    completed_on = fields.Date(allow_none=True)
    completed = fields.Boolean()
    quality_failures = fields.Integer()
    delays = fields.Integer()
    exempt_quality_failures = fields.Integer()
    exempt_delays = fields.Integer()
    evidence_url = fields.String(allow_none=True)
    evidence_files = fields.List(fields.Nested(lambda: EvidenceFileOut()), metadata={
        "description": "Tệp minh chứng đã tải lên (tải về: /tasks/{id}/evidence/{file_id}) / uploaded evidence files"})
    created_by = fields.String(allow_none=True)
    created_at = fields.DateTime()
    updated_by = fields.String(allow_none=True)
    updated_at = fields.DateTime()
    version = fields.Integer()


class OutputTaskQuery(PageQuery):
    cadre_id = fields.String(validate=ID)
    unit_id = fields.String(validate=ID, metadata={"description": (
        "Sản phẩm của cán bộ một đơn vị (trong phạm vi) / the tasks of one unit's cadres (in scope)")})
    period = period_code()


class EvidenceFileOut(StrictSchema):
    id = fields.String()
    name = fields.String()
    content_type = fields.String()
    size = fields.Integer(metadata={"description": "Byte"})
    uploaded_by = fields.String()
    uploaded_at = fields.DateTime()


class EvidenceUpload(StrictSchema):
    file = fields.Raw(required=True, metadata={"type": "string", "format": "binary", "description": (
        "PDF, JPEG, PNG, DOCX, XLSX hoặc ODT, tối đa 10 MB, kiểm tra theo nội dung / checked by content, 10 MB")})
