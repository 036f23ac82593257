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


class JobOut(StrictSchema):
    status = fields.String(metadata={"description": "queued | running | done | failed"})
    total = fields.Integer(allow_none=True, metadata={"description": "Dòng dữ liệu của tệp / data rows of the file "
                                                                    "(once read)"})
    validated = fields.Integer(metadata={"description": "Dòng đã kiểm tra / rows validated"})
    accepted = fields.Integer(metadata={"description": "Dòng hợp lệ / rows accepted"})
    stored = fields.Integer(metadata={"description": "Dòng hợp lệ đã ghi / accepted rows stored"})
    done = fields.Integer(metadata={"description": "Dòng đã xong (ghi hoặc từ chối) / rows finished (stored or "
                                                   "rejected)"})
    queued_at = fields.DateTime()
    started_at = fields.DateTime(allow_none=True)
    finished_at = fields.DateTime(allow_none=True)
    error = fields.String(allow_none=True)
    phases = fields.Dict(keys=fields.String(), values=fields.Float(),
                         metadata={"description": "Giây cho từng bước (đọc, tra cứu, kiểm tra, ghi) / seconds "
                                                  "spent in each step (read, lookups, check, store)"})


class UploadOut(StrictSchema):
    id = fields.String()
    status = fields.Function(lambda batch: batch.status or "done",
                             metadata={"description": "queued | running | done | failed: lớn thì xử lý như một "
                                                      "công việc / a large file is processed as a job"})
    job = fields.Nested(JobOut, allow_none=True)
    refused = fields.String(allow_none=True, metadata={"description": "Lý do cả tệp không dùng được / why the "
                                                                      "file as a whole was refused"})
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
