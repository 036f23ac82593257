"""HTTP contracts of the cadre list import (XLSX or CSV) and its per-row report."""
from marshmallow import fields, validate, validates_schema

from cadre_shared.schema_base import StrictSchema

from ...common.schemas import CODE, one_of
from ..domain.scales import DIGITAL_SKILL, EDUCATION, GENDERS, POLITICAL_THEORY
from .cadres import check_birth_year, probation_after_appointment


class CadreRow(StrictSchema):
    """One spreadsheet row after its cells were read: the same rules as the API's CadreIn."""
    code = fields.String(required=True, validate=CODE)
    full_name = fields.String(required=True, validate=validate.Length(min=2, max=120))
    gender = one_of(GENDERS, required=True)
    birth_year = fields.Integer(required=True, validate=check_birth_year)
    ethnicity = fields.String(allow_none=True, validate=validate.Length(max=60))
    education = one_of(EDUCATION.codes)
    political_theory = one_of(POLITICAL_THEORY.codes)
    digital_skill = one_of(DIGITAL_SKILL.codes)
    unit_code = fields.String(required=True, validate=CODE)
    department_code = fields.String(allow_none=True, validate=validate.Length(max=20))
    position_code = fields.String(allow_none=True, validate=CODE)
    appointed_on = fields.Date(allow_none=True)
    probation_until = fields.Date(allow_none=True)
    is_local = fields.Boolean(allow_none=True)
    assessed_on = fields.Date(allow_none=True)

    @validates_schema
    def _dates(self, data, **_kwargs):
        probation_after_appointment(data)


class RowProblemOut(StrictSchema):
    row = fields.Integer(metadata={"description": "Số dòng trong tệp (dòng tiêu đề tính) / row number in the file"})
    column = fields.String(metadata={"description": "Tên cột như trong tệp / the column's header as written"})
    column_letter = fields.String(allow_none=True)
    problem = fields.String()


class RowResultOut(StrictSchema):
    row = fields.Integer()
    code = fields.String()
    id = fields.String()
    outcome = fields.String(metadata={"description": "created | updated | unchanged"})


class ImportReportOut(StrictSchema):
    file_name = fields.String()
    rows = fields.Integer(metadata={"description": "Số dòng dữ liệu (bỏ dòng trống) / data rows read"})
    created = fields.Integer()
    updated = fields.Integer()
    unchanged = fields.Integer()
    rejected = fields.Integer()
    errors = fields.List(fields.Nested(RowProblemOut))
    ignored_columns = fields.List(fields.String())
    results = fields.List(fields.Nested(RowResultOut), metadata={"description": "Mỗi dòng hợp lệ: mã, id, kết quả / "
                                                                              "every good row: code, id, outcome"})


class ImportFile(StrictSchema):
    file = fields.Raw(required=True, metadata={"type": "string", "format": "binary"})
