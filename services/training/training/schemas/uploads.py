"""HTTP contracts of result uploads and their per-row reports."""
from marshmallow import fields, validate

from cadre_shared.schema_base import StrictSchema


class UploadFile(StrictSchema):
    file = fields.Raw(required=True, metadata={"type": "string", "format": "binary"})


class ProblemOut(StrictSchema):
    row = fields.Integer(metadata={"description": "Số dòng trong tệp (dòng tiêu đề tính) / row number in the file"})
    column = fields.String(metadata={"description": "Tên cột như trong tệp, rỗng: cả dòng / header as written, "
                                                    "empty: the whole row"})
    value = fields.String(allow_none=True)
    message = fields.String()


class UploadOut(StrictSchema):
    id = fields.String()
    file_name = fields.String()
    file_format = fields.String()
    uploaded_by = fields.String(attribute="uploaded_by_name")
    uploaded_at = fields.DateTime()
    rows = fields.Integer(metadata={"description": "Dòng dữ liệu đã đọc / data rows read"})
    accepted = fields.Integer()
    created = fields.Integer()
    updated = fields.Integer()
    unchanged = fields.Integer()
    rejected = fields.Integer()
    problems = fields.List(fields.Nested(ProblemOut))


class UploadSummaryOut(UploadOut):
    class Meta:
        exclude = ("problems",)


class UploadQuery(StrictSchema):
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))
