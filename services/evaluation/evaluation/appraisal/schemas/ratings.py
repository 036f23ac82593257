"""HTTP contracts of the 360 round and the general-criteria policy (PRODUCT.md §3.2, §5)."""
from marshmallow import ValidationError, fields, validate, validates_schema

from cadre_shared.schema_base import StrictSchema, period_code

from ...common.schemas import ID, PageQuery
from ..domain.general_criteria import INDEX_GROUPS, PERSON_GROUPS, RATER_GROUPS
from ..domain.scoring import GENERAL_MAX

_mark = validate.Range(min=0, max=10, error="Điểm từ 0 đến 10 / a score from 0 to 10")


class RatingScores(StrictSchema):
    service = fields.Float(required=True, validate=_mark,
                           metadata={"description": "Phục vụ Nhân dân, doanh nghiệp (nhóm 2)"})
    coordination = fields.Float(required=True, validate=_mark,
                                metadata={"description": "Phối hợp, tổ chức thực hiện (nhóm 3)"})
    discipline = fields.Float(required=True, validate=_mark,
                              metadata={"description": "Kỷ luật, kỷ cương, liêm chính (nhóm 4)"})


class RatingIn(StrictSchema):
    period = period_code(required=True)
    ratee_id = fields.String(required=True, validate=ID)
    group = fields.String(required=True, validate=validate.OneOf(PERSON_GROUPS))
    scores = fields.Nested(RatingScores, required=True)


class BatchRatingIn(StrictSchema):
    ratee_id = fields.String(required=True, validate=ID)
    group = fields.String(required=True, validate=validate.OneOf(PERSON_GROUPS))
    scores = fields.Nested(RatingScores, required=True)


class RatingBatchIn(StrictSchema):
    period = period_code(required=True)
    ratings = fields.List(fields.Nested(BatchRatingIn), required=True, validate=validate.Length(min=1, max=500))


class RatingBatchOut(StrictSchema):
    period = fields.String()
    created = fields.Integer()
    replaced = fields.Integer()


class RatingOut(StrictSchema):
    period = fields.String()
    ratee_id = fields.String()
    group = fields.String()
    scores = fields.Dict(keys=fields.String(), values=fields.Float())
    first_submitted_at = fields.DateTime()
    submitted_at = fields.DateTime()
    revision = fields.Integer()


class PeriodOnlyQuery(StrictSchema):
    period = period_code(required=True)


class RoundItemOut(StrictSchema):
    ratee_id = fields.String()
    code = fields.String(allow_none=True)
    full_name = fields.String(allow_none=True)
    department_code = fields.String(allow_none=True)
    position_title = fields.String(allow_none=True)
    group = fields.String(metadata={"description": "self | leader | subordinate | peer"})
    group_name = fields.String(metadata={"description": "Tên nhóm (tiếng Việt) / the group's Vietnamese name"})
    assigned = fields.Boolean(metadata={"description": (
        "Được giao trong kỳ (false: đã đánh giá trước khi bộ phận tổ chức điều chỉnh, không sửa được nữa) / "
        "assigned now (false: rated before an adjustment removed the pair)")})
    rated = fields.Boolean()
    scores = fields.Dict(keys=fields.String(), values=fields.Float(), allow_none=True)
    submitted_at = fields.DateTime(allow_none=True)


class MyRoundOut(StrictSchema):
    period = fields.String()
    status = fields.String()
    editable = fields.Boolean(metadata={"description": "Còn sửa được (kỳ đang mở) / editable until the period closes"})
    due_on = fields.Date(metadata={"description": "Hạn đánh giá / ratings due"})
    index_names = fields.Dict(keys=fields.String(), values=fields.String(), metadata={
        "description": "Tên ba nhóm tiêu chí (service, coordination, discipline) / the three index groups' names"})
    expected = fields.Integer(metadata={"description": "Số người được giao đánh giá (kể cả tự đánh giá)"})
    rated = fields.Integer(metadata={"description": "Số người đã đánh giá trong số đó / of them, rated"})
    items = fields.List(fields.Nested(RoundItemOut), metadata={
        "description": "Tự đánh giá trước, rồi lãnh đạo, cấp dưới, đồng nghiệp / self first, then by group"})


class AuditQuery(PageQuery):
    period = period_code(required=True)
    ratee_id = fields.String(validate=ID)
    rater_id = fields.String(validate=ID)
    unit_id = fields.String(validate=ID)


class AuditRatingOut(StrictSchema):
    period = fields.String()
    rater_id = fields.String()
    rater_name = fields.String(allow_none=True)
    ratee_id = fields.String()
    ratee_name = fields.String(allow_none=True)
    unit_id = fields.String()
    group = fields.String()
    scores = fields.Dict(keys=fields.String(), values=fields.Float())
    first_submitted_at = fields.DateTime()
    submitted_at = fields.DateTime()
    revision = fields.Integer()


class LeniencyQuery(StrictSchema):
    period = period_code(required=True)
    unit_id = fields.String(validate=ID)


class LeniencyOut(StrictSchema):
    unit_id = fields.String()
    period = fields.String()
    rated = fields.Integer()
    top_graded = fields.Integer()
    share = fields.Float(allow_none=True)
    flagged = fields.Boolean()
    message = fields.String(allow_none=True)


def _weights_schema():
    return {g: fields.Float(required=True, validate=validate.Range(min=0, max=1)) for g in RATER_GROUPS}


IndexPoints = StrictSchema.from_dict({i: fields.Float(required=True, validate=validate.Range(min=0, max=GENERAL_MAX))
                                      for i in INDEX_GROUPS}, name="IndexPoints")
Weights = StrictSchema.from_dict(_weights_schema(), name="RaterWeights")


class PolicyIn(StrictSchema):
    index_points = fields.Nested(IndexPoints, required=True,
                                 metadata={"description": "Điểm tối đa mỗi nhóm tiêu chí, tổng 30 / sum 30"})
    weights = fields.Nested(Weights, required=True,
                            metadata={"description": "Trọng số nhóm người đánh giá, tổng 1 / sum 1"})
    normalise_leniency = fields.Boolean(load_default=False)

    @validates_schema
    def sums(self, data, **_kwargs):
        problems = {}
        if abs(sum(data.get("index_points", {}).values()) - GENERAL_MAX) > 1e-6:
            problems["index_points"] = [f"Tổng điểm các nhóm phải bằng {GENERAL_MAX:g} / must add up to "
                                        f"{GENERAL_MAX:g}"]
        if abs(sum(data.get("weights", {}).values()) - 1) > 1e-6:
            problems["weights"] = ["Tổng trọng số phải bằng 1 / weights must add up to 1"]
        if problems:
            raise ValidationError(problems)


class PolicyOut(StrictSchema):
    task_group = fields.String()
    index_points = fields.Dict(keys=fields.String(), values=fields.Float())
    weights = fields.Dict(keys=fields.String(), values=fields.Float())
    normalise_leniency = fields.Boolean()
    stored = fields.Boolean()
    version = fields.Integer(metadata={"description": "Phiên bản (0: mặc định của quy định, chưa lưu) / version"})
