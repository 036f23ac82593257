"""HTTP contracts of the early warning: training, assessment, flags, interventions, feedback, fairness."""
from marshmallow import fields

from cadre_shared.schema_base import StrictSchema

from ..common.schemas import CODE, ID, one_of, text

LIGHTS = ("red", "amber", "green")
FLAG_STATUSES = ("open", "acknowledged", "closed")
INTERVENTIONS = ("training", "mentoring", "rotation", "closer_review")
OUTCOMES = ("improved", "no_change", "worse")


class ModelOut(StrictSchema):
    trained = fields.Boolean(metadata={"description": "false: chưa huấn luyện, chỉ quy tắc / rules only"})
    message = fields.String()
    version = fields.Integer(allow_none=True)
    metrics = fields.Dict(metadata={"description": "rows, positives, base_rate, brier, roc_auc, pr_auc, capacity, "
                                               "precision_at_capacity, calibration (ngoài mẫu / held out)"})
    features = fields.List(fields.String())
    feedback_used = fields.Integer(metadata={"description": "Số phản hồi 'không hữu ích' đã dùng / feedback used"})
    trained_at = fields.DateTime()
    trained_by = fields.String()
    active = fields.Boolean(metadata={"description": "Phiên bản đang dùng để đánh giá / the version assessments use"})
    target = fields.Nested(lambda: TargetOut(), metadata={"description": "Điều mô hình dự báo / what the model forecasts"})
    integrity_error = fields.String(allow_none=True, metadata={
        "description": "Khác null: tệp mô hình không khớp mã băm ghi lúc huấn luyện, không được nạp / "
                       "not null: the stored model fails its hash check and is not loaded"})
    compared_with = fields.Nested(lambda: ModelOut(exclude=("compared_with",)), allow_none=True, metadata={
        "description": "Sau huấn luyện: phiên bản đang dùng để so sánh / after training: the active version, to compare"})


class TargetOut(StrictSchema):
    """The early warning's target (PRODUCT §3.5): the next period classified Không hoàn thành, or a
    standard of the position (qualifications, required courses) unmet past its deadline."""
    next_period_not_completed = fields.Boolean()
    standard_deadline_months = fields.Integer(metadata={"description": "Hạn đạt chuẩn, tháng kể từ bổ nhiệm / "
                                                                       "months after appointment"})


class AssessIn(StrictSchema):
    unit_id = fields.String(load_default=None, allow_none=True, validate=ID)


class LightCounts(StrictSchema):
    red = fields.Integer()
    amber = fields.Integer()
    green = fields.Integer()


class AssessOut(StrictSchema):
    unit_id = fields.String(allow_none=True)
    model_version = fields.Integer(allow_none=True, metadata={"description": "null: chỉ quy tắc / rules only"})
    as_of = fields.Date()
    cadres = fields.Integer()
    raised = fields.Integer()
    updated = fields.Integer()
    unchanged = fields.Integer()
    lights = fields.Nested(LightCounts)


class FlagQuery(StrictSchema):
    unit_id = fields.String(validate=ID)
    light = one_of(LIGHTS, allow_none=False)
    status = one_of(FLAG_STATUSES, allow_none=False, metadata={"description": "Mặc định: chưa đóng / default: not closed"})


class RiskAssessmentQuery(StrictSchema):
    unit_id = fields.String(validate=ID)


class AssessedFactorOut(StrictSchema):
    feature = fields.String()
    label_vi = fields.String()
    value = fields.Float(allow_none=True)


class RiskAssessmentOut(StrictSchema):
    cadre_id = fields.String()
    unit_id = fields.String()
    probability = fields.Float(allow_none=True, metadata={"description": "null: chưa có mô hình / no model yet"})
    light = fields.String()
    period = fields.String(allow_none=True)
    factors = fields.List(fields.Nested(AssessedFactorOut))
    triggers = fields.List(fields.String())
    assessed_at = fields.DateTime()
    model_version = fields.Integer(allow_none=True)


class RiskAssessmentsOut(StrictSchema):
    items = fields.List(fields.Nested(RiskAssessmentOut))


class FactorOut(StrictSchema):
    feature = fields.String()
    value = fields.Float(allow_none=True)
    weight = fields.Float(metadata={"description": "hệ số × giá trị chuẩn hóa / coefficient × standardised value"})
    text = fields.String()


class TriggerOut(StrictSchema):
    code = fields.String()
    light = fields.String()
    message = fields.String()


class InterventionOut(StrictSchema):
    id = fields.String()
    kind = fields.String()
    kind_name = fields.String()
    mentor_cadre_id = fields.String(allow_none=True)
    course_code = fields.String(allow_none=True)
    note = fields.String(allow_none=True)
    due_on = fields.Date(allow_none=True)
    assigned_by = fields.String()
    assigned_at = fields.DateTime()
    outcome = fields.String(allow_none=True)
    outcome_note = fields.String(allow_none=True)
    outcome_by = fields.String(allow_none=True)
    outcome_at = fields.DateTime(allow_none=True)


class FlagOut(StrictSchema):
    id = fields.String()
    cadre_id = fields.String()
    cadre_code = fields.String(allow_none=True)
    full_name = fields.String(allow_none=True)
    unit_id = fields.String()
    status = fields.String()
    period = fields.String(allow_none=True)
    probability = fields.Float(allow_none=True, metadata={"description": "null: chưa có mô hình / no model yet"})
    light = fields.String()
    light_name = fields.String()
    factors = fields.List(fields.Nested(FactorOut))
    triggers = fields.List(fields.Nested(TriggerOut))
    model_version = fields.Integer(allow_none=True)
    interventions = fields.List(fields.Nested(InterventionOut))
    not_useful = fields.Integer()
    raised_at = fields.DateTime()
    updated_at = fields.DateTime()
    acknowledged_by = fields.String(allow_none=True)
    acknowledged_at = fields.DateTime(allow_none=True)
    closed_by = fields.String(allow_none=True)
    closed_at = fields.DateTime(allow_none=True)


class InterventionIn(StrictSchema):
    kind = one_of(INTERVENTIONS, required=True, metadata={
        "description": "training: đào tạo; mentoring: kèm cặp; rotation: luân chuyển; closer_review: theo dõi sát"})
    mentor_cadre_id = fields.String(load_default=None, allow_none=True, validate=ID,
                                    metadata={"description": "Bắt buộc khi kèm cặp / required for mentoring"})
    course_code = fields.String(load_default=None, allow_none=True, validate=CODE, metadata={
        "description": "Đào tạo: mã khóa học, được thêm vào kế hoạch bồi dưỡng của cán bộ / "
                       "training: the course code, added to the cadre's training plan"})
    note = text(1000, required=False)
    due_on = fields.Date(load_default=None, allow_none=True)


class OutcomeIn(StrictSchema):
    outcome = one_of(OUTCOMES, required=True)
    note = text(1000, required=False)
    close_flag = fields.Boolean(load_default=False)


class FeedbackIn(StrictSchema):
    comment = text(1000, required=False)


class FeedbackOut(StrictSchema):
    flag_id = fields.String()
    cadre_id = fields.String()
    period = fields.String(allow_none=True)
    useful = fields.Boolean()
    comment = fields.String(allow_none=True)
    given_by = fields.String()
    given_at = fields.DateTime()
    kept_for_training = fields.Boolean()


class FairnessQuery(StrictSchema):
    unit_id = fields.String(validate=ID)


class GroupOut(StrictSchema):
    group = fields.String()
    cadres = fields.Integer()
    flagged = fields.Integer()
    flag_rate = fields.Float()
    mean_probability = fields.Float(allow_none=True)
    enough = fields.Boolean(metadata={"description": "Đủ số người để so sánh / large enough to compare"})
    ratio_to_overall = fields.Float(allow_none=True)
    disparity = fields.Boolean()


class FairnessOut(StrictSchema):
    unit_id = fields.String(allow_none=True)
    model_version = fields.Integer(allow_none=True)
    cadres = fields.Integer()
    flagged = fields.Integer()
    flag_rate = fields.Float(allow_none=True)
    min_group = fields.Integer()
    groups = fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(GroupOut)))
    held_out = fields.Dict(keys=fields.String(), values=fields.Nested(lambda: HeldOutAttributeOut()), metadata={
        "description": "Mô hình đang dùng, trên các lượt ngoài mẫu lúc huấn luyện (toàn tỉnh): tỷ lệ phát hiện đúng "
                       "và báo nhầm mỗi nhóm / the active model on its held-out training rows (province-wide)"})


class HeldOutGroupOut(StrictSchema):
    group = fields.String()
    rows = fields.Integer()
    positives = fields.Integer()
    flag_rate = fields.Float(allow_none=True)
    true_positive_rate = fields.Float(allow_none=True)
    false_positive_rate = fields.Float(allow_none=True)
    enough = fields.Boolean(metadata={"description": "Ít nhất 5 trường hợp mỗi loại kết quả / 5 of each outcome"})


class HeldOutGapsOut(StrictSchema):
    flag_rate = fields.Float(allow_none=True)
    true_positive_rate = fields.Float(allow_none=True)
    false_positive_rate = fields.Float(allow_none=True)


class HeldOutAttributeOut(StrictSchema):
    groups = fields.List(fields.Nested(HeldOutGroupOut))
    gaps = fields.Nested(HeldOutGapsOut)
    notable = fields.Boolean(metadata={"description": "Có chênh lệch trên 0,05 / a gap over 0.05"})
