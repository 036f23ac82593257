"""HTTP contracts of confidence votes and ballots (PRODUCT.md §6)."""
from marshmallow import ValidationError, fields, validate, validates_schema

from cadre_shared.schema_base import StrictSchema

from ..domain.ballots import ANSWERS

_id = validate.Length(min=1, max=64)


class VoteIn(StrictSchema):
    unit_id = fields.String(required=True, validate=_id)
    year = fields.Integer(required=True, validate=validate.Range(2000, 2100))
    cadre_ids = fields.List(fields.String(validate=_id), required=True, validate=validate.Length(min=1, max=30),
                            metadata={"description": "Người được lấy phiếu, theo thứ tự trên phiếu / officials"})
    ballots = fields.Integer(required=True, validate=validate.Range(1, 500),
                             metadata={"description": "Số phiếu (mã dùng một lần) / number of one-time codes"})

    @validates_schema
    def _once_each(self, data, **_kwargs):
        if len(set(data.get("cadre_ids") or [])) != len(data.get("cadre_ids") or []):
            raise ValidationError({"cadre_ids": ["Mỗi người một lần / each official once"]})


class OfficialOut(StrictSchema):
    cadre_id = fields.String()
    full_name = fields.String()


class ResultOut(StrictSchema):
    cadre_id = fields.String()
    ballots = fields.Integer()
    high = fields.Integer()
    medium = fields.Integer()
    low = fields.Integer()
    low_share = fields.Float(allow_none=True)
    outcome = fields.String(metadata={"description": "none | consider (> 1/2 thấp) | replace (≥ 2/3 thấp)"})


class VoteOut(StrictSchema):
    id = fields.String()
    ref = fields.String(metadata={"description": "4 ký tự đầu của mọi mã phiếu / first 4 characters of its codes"})
    unit_id = fields.String()
    unit_name = fields.String(allow_none=True)
    year = fields.Integer()
    officials = fields.List(fields.Nested(OfficialOut))
    ballots = fields.Integer()
    cast = fields.Integer(metadata={"description": "Số phiếu đã nhận / ballots received"})
    status = fields.String(metadata={"description": "open | closed"})
    consider_above = fields.Float()
    replace_at = fields.Float()
    created_by = fields.String()
    created_at = fields.DateTime()
    closed_at = fields.DateTime(allow_none=True)
    results = fields.List(fields.Nested(ResultOut), metadata={"description": "Khi đã kết thúc / once closed"})


class VoteCreated(VoteOut):
    codes = fields.List(fields.String(), metadata={"description": "Mã phiếu dùng một lần / one-time ballot codes"})


class CodesOut(StrictSchema):
    id = fields.String()
    ref = fields.String()
    unit_name = fields.String(allow_none=True)
    year = fields.Integer()
    codes = fields.List(fields.String())


class VoteQuery(StrictSchema):
    unit_id = fields.String(validate=_id)


CODE = fields.String(required=True, validate=validate.Length(min=1, max=40),
                     metadata={"description": "Mã in trên phiếu, vd. K7QF-8H3M-2PXD-R9TA / the code on the ballot"})


class BallotLookupIn(StrictSchema):
    code = CODE


class BallotFormOut(StrictSchema):
    vote_id = fields.String()
    unit_name = fields.String(allow_none=True)
    year = fields.Integer()
    officials = fields.List(fields.Nested(OfficialOut))


class BallotIn(StrictSchema):
    code = CODE
    answers = fields.Dict(keys=fields.String(validate=_id), values=fields.String(validate=validate.OneOf(ANSWERS)),
                          required=True, metadata={"description": "cadre_id → high | medium | low"})


class BallotCast(StrictSchema):
    status = fields.String(metadata={"description": "counted"})


class ThresholdsIn(StrictSchema):
    consider_above = fields.Float(required=True, validate=validate.Range(0, 1), metadata={
        "description": "Tỷ lệ phiếu tín nhiệm thấp trên mức này: xem xét (mặc định 0,5) / above: consider"})
    replace_at = fields.Float(required=True, validate=validate.Range(0, 1), metadata={
        "description": "Từ mức này trở lên: đề nghị thay thế (mặc định 2/3) / at or above: replace"})


class ThresholdsOut(ThresholdsIn):
    updated_by = fields.String(allow_none=True)
    updated_at = fields.DateTime(allow_none=True)
