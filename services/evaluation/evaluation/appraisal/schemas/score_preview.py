"""HTTP contracts of the score what-if preview and the excellent-quota check."""
from marshmallow import ValidationError, fields, validate, validates_schema

from cadre_shared.schema_base import StrictSchema

LEVELS = ["excellent", "good", "completed", "not_completed"]
_count = fields.Integer(load_default=0, validate=validate.Range(min=0, max=1000))


class TaskIn(StrictSchema):
    coefficient = fields.Float(required=True, validate=validate.Range(min=0, max=100, min_inclusive=False))
    completed = fields.Boolean(required=True)
    quality_failures = _count
    delays = _count
    exempt_quality_failures = _count
    exempt_delays = _count


class LeaderIn(StrictSchema):
    all_subordinates_at_least_50 = fields.Boolean(required=True)
    unit_plan_on_time = fields.Boolean(required=True)
    unity = fields.Boolean(required=True)


class OverridesIn(StrictSchema):
    degradation_conclusion = fields.Boolean(load_default=False)
    discipline_reprimand_or_heavier = fields.Boolean(load_default=False)
    unit_corruption_case = fields.Boolean(load_default=False)


class ScorePreviewIn(StrictSchema):
    is_leader = fields.Boolean(required=True)
    tasks = fields.List(fields.Nested(TaskIn), required=True, validate=validate.Length(min=1, max=500))
    leader = fields.Nested(LeaderIn, load_default=None, allow_none=True)
    general_points = fields.Float(required=True, validate=validate.Range(min=0, max=30))
    overrides = fields.Nested(OverridesIn, load_default=dict)

    @validates_schema
    def leader_needs_criteria(self, data, **_kwargs):
        if data.get("is_leader") and not data.get("leader"):
            raise ValidationError("Lãnh đạo cần các tiêu chí d, đ, e / a leader needs criteria d, dd, e", "leader")


class ScoreOut(StrictSchema):
    a = fields.Float()
    b = fields.Float()
    c = fields.Float()
    d = fields.Float()
    dd = fields.Float()
    e = fields.Float()
    task_points = fields.Float()
    general_points = fields.Float()
    total = fields.Float()
    level = fields.String()
    level_name = fields.String()
    override = fields.String(allow_none=True)


class ProposalIn(StrictSchema):
    cadre_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    unit_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    task_group = fields.String(required=True, validate=validate.Length(min=1, max=80))
    level = fields.String(required=True, validate=validate.OneOf(LEVELS))
    total = fields.Float(required=True, validate=validate.Range(min=0, max=100))


class QuotaCheckIn(StrictSchema):
    ratio = fields.Decimal(load_default=None, allow_none=True, as_string=False,
                           validate=validate.Range(min=0, max=1))
    proposals = fields.List(fields.Nested(ProposalIn), required=True, validate=validate.Length(min=1, max=20000))

    @validates_schema
    def one_proposal_per_cadre(self, data, **_kwargs):
        ids = [p["cadre_id"] for p in data.get("proposals", [])]
        if len(ids) != len(set(ids)):
            raise ValidationError("Mỗi cán bộ chỉ một đề xuất / one proposal per cadre", "proposals")


class QuotaGroupOut(StrictSchema):
    unit_id = fields.String()
    task_group = fields.String()
    good = fields.Integer()
    excellent = fields.Integer()
    allowed_excellent = fields.Integer()
    violation = fields.Boolean()
    keep_excellent = fields.List(fields.String())
    to_review = fields.List(fields.String())
    review_slots = fields.Integer()
    message = fields.String()
