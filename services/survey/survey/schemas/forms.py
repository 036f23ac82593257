"""HTTP contracts of survey forms and the counter roster."""
from marshmallow import ValidationError, fields, validate, validates_schema

from cadre_shared.schema_base import StrictSchema

from .kiosk import StaffOut


class IndicatorIn(StrictSchema):
    key = fields.String(required=True, validate=validate.Regexp(r"^[a-z][a-z0-9_]{0,39}$",
                                                                error="Khoá gồm chữ thường, số, _ / a-z, 0-9, _"))
    label_vi = fields.String(required=True, validate=validate.Length(min=1, max=120))
    label_en = fields.String(required=True, validate=validate.Length(min=1, max=120))


class FormIn(StrictSchema):
    code = fields.String(load_default=None, validate=validate.Regexp(r"^[a-z0-9][a-z0-9-]{0,39}$"))
    title_vi = fields.String(required=True, validate=validate.Length(min=1, max=200))
    title_en = fields.String(required=True, validate=validate.Length(min=1, max=200))
    question_vi = fields.String(required=True, validate=validate.Length(min=1, max=300))
    question_en = fields.String(required=True, validate=validate.Length(min=1, max=300))
    indicators = fields.List(fields.Nested(IndicatorIn), required=True, validate=validate.Length(min=1, max=10))


class RosterIn(StrictSchema):
    cadre_ids = fields.List(fields.String(validate=validate.Length(min=1, max=64)), required=True,
                            validate=validate.Length(max=60))


class RosterOut(StrictSchema):
    unit_id = fields.String()
    configured = fields.Boolean()
    staff = fields.List(fields.Nested(StaffOut))


class ProcedureSchema(StrictSchema):
    code = fields.String(required=True, validate=validate.Regexp(
        r"^[A-Za-z0-9][A-Za-z0-9._\-]{0,39}$", error="Mã thủ tục gồm chữ, số và . _ - (tối đa 40 ký tự) / "
                                                      "letters, digits and . _ - (at most 40)"))
    name = fields.String(required=True, validate=validate.Length(min=2, max=200))


class ProceduresIn(StrictSchema):
    procedures = fields.List(fields.Nested(ProcedureSchema), required=True, validate=validate.Length(max=40))

    @validates_schema
    def _no_repeats(self, data, **_kwargs):
        codes = [p["code"] for p in data.get("procedures") or []]
        if len(codes) != len(set(codes)):
            raise ValidationError({"procedures": ["Mã thủ tục bị trùng / duplicate procedure code"]})


class ProceduresOut(StrictSchema):
    unit_id = fields.String()
    procedures = fields.List(fields.Nested(ProcedureSchema))
