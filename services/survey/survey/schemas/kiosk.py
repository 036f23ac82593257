"""HTTP contracts of the kiosk: what a kiosk or a receipt link sends and receives."""
from marshmallow import fields, validate

from cadre_shared.schema_base import StrictSchema

LEVELS = ["very_satisfied", "satisfied", "dissatisfied"]
_dossier = validate.Regexp(r"^[A-Za-z0-9][A-Za-z0-9 ._/\-]{1,63}$",
                           error="Mã hồ sơ gồm chữ, số và . _ / - (2–64 ký tự) / letters, digits and . _ / - "
                                 "(2–64 characters)")
_procedure = validate.Regexp(r"^[A-Za-z0-9][A-Za-z0-9._\-]{0,39}$",
                             error="Mã thủ tục gồm chữ, số và . _ - (tối đa 40 ký tự) / letters, digits and . _ -")


class Trimmed(fields.String):
    """Text typed or scanned at a counter: surrounding spaces are not part of it."""

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).strip()


class ResponseIn(StrictSchema):
    response_id = fields.UUID(required=True)
    dossier_code = Trimmed(required=True, validate=_dossier)
    cadre_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    overall = fields.String(required=True, validate=validate.OneOf(
        LEVELS, error="Mức hài lòng phải là một trong: {choices} / overall must be one of: {choices}"))
    indicators = fields.Dict(keys=fields.String(validate=validate.Length(min=1, max=40)),
                             values=fields.Integer(strict=True, validate=validate.Range(
                                 min=1, max=5, error="Điểm từ 1 đến 5 / a score from 1 to 5")),
                             load_default=dict, validate=validate.Length(max=20))
    comment = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=1000))
    procedure_code = fields.String(load_default=None, allow_none=True, validate=_procedure)
    form_version = fields.Integer(load_default=None, allow_none=True, strict=True,
                                  validate=validate.Range(min=1))
    answered_at = fields.AwareDateTime(load_default=None, allow_none=True)


class ResponseOut(StrictSchema):
    response_id = fields.String(attribute="id")
    status = fields.String()
    cadre_id = fields.String()
    overall = fields.String()
    form_version = fields.Integer()
    quarter = fields.String()
    month = fields.String()
    answered_at = fields.DateTime()
    received_at = fields.DateTime()


class IndicatorOut(StrictSchema):
    key = fields.String()
    label_vi = fields.String()
    label_en = fields.String()


class FormOut(StrictSchema):
    code = fields.String()
    version = fields.Integer()
    title_vi = fields.String()
    title_en = fields.String()
    question_vi = fields.String()
    question_en = fields.String()
    indicators = fields.List(fields.Nested(IndicatorOut))
    created_at = fields.DateTime()


class StaffOut(StrictSchema):
    cadre_id = fields.String()
    full_name = fields.String()
    photo_url = fields.String(allow_none=True)


class UnitRef(StrictSchema):
    id = fields.String()
    name = fields.String(allow_none=True)


class ReceiptOut(StrictSchema):
    cadre_id = fields.String()
    full_name = fields.String()
    dossier_code = fields.String()
    procedure_code = fields.String(allow_none=True)


class ProcedureOut(StrictSchema):
    code = fields.String()
    name = fields.String()


class ContextOut(StrictSchema):
    unit = fields.Nested(UnitRef)
    kiosk_id = fields.String(allow_none=True)
    form = fields.Nested(FormOut)
    staff = fields.List(fields.Nested(StaffOut))
    receipt = fields.Nested(ReceiptOut, allow_none=True)
    procedures = fields.List(fields.Nested(ProcedureOut), metadata={
        "description": "Thủ tục tại quầy để người dân chọn / the procedures a citizen picks from"})
