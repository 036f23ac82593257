"""Contracts of events the evaluation service publishes (registry changes)."""
from marshmallow import RAISE, Schema, fields, validate

from ..schema_base import PERIOD_CODE
from .registry import Contract, register
from .training import CATEGORIES

# Key titles of a commune or ward (chức danh chủ chốt) a position may be, for succession planning.
KEY_TITLES = ["party_secretary", "deputy_secretary", "pc_chairman", "pc_vice_chairman", "council_chairman",
              "inspection_head", "police_chief", "military_commander"]


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class UnitStateV1(_Strict):
    """Full state of a unit after the change (event-carried state transfer)."""
    unit_id = fields.String(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(["province", "commune", "ward"]))
    area = fields.String(required=True, allow_none=True, validate=validate.OneOf(["urban", "rural", "mountain"]))
    parent_id = fields.String(required=True, allow_none=True)
    version = fields.Integer(required=True, validate=validate.Range(min=1))


class CompetencyRequirementV1(_Strict):
    competency_code = fields.String(required=True)
    min_level = fields.Integer(required=True, validate=validate.Range(min=1))


class StandardV1(_Strict):
    """A position's standard; course categories use the training contract's codes."""
    min_education = fields.String(required=True, allow_none=True)
    min_political_theory = fields.String(required=True, allow_none=True)
    min_digital_skill = fields.String(required=True, allow_none=True)
    required_course_categories = fields.List(fields.String(validate=validate.OneOf(CATEGORIES)), required=True)
    required_competencies = fields.List(fields.Nested(CompetencyRequirementV1), required=True)


class PositionStateV1(_Strict):
    position_id = fields.String(required=True)
    code = fields.String(required=True)
    title = fields.String(required=True)
    task_group = fields.String(required=True)
    is_leader = fields.Boolean(required=True)
    version = fields.Integer(required=True, validate=validate.Range(min=1))
    # added later, optional so that earlier events still validate
    standard = fields.Nested(StandardV1, allow_none=True)
    leadership = fields.String(validate=validate.OneOf(
        ["none", "department_head", "department_deputy", "unit_chief", "unit_deputy"]))
    key_title = fields.String(allow_none=True, validate=validate.OneOf(KEY_TITLES))  # chức danh chủ chốt


class CadreStateV1(_Strict):
    cadre_id = fields.String(required=True)
    code = fields.String(required=True)
    full_name = fields.String(required=True)
    gender = fields.String(required=True, validate=validate.OneOf(["female", "male", "other"]))
    birth_year = fields.Integer(required=True)
    unit_id = fields.String(required=True)
    position_id = fields.String(required=True, allow_none=True)
    position_version = fields.Integer(required=True, allow_none=True)
    is_leader = fields.Boolean(required=True)
    is_local = fields.Boolean(required=True)
    status = fields.String(required=True, validate=validate.OneOf(["active", "left"]))
    version = fields.Integer(required=True, validate=validate.Range(min=1))
    # added later, optional so that earlier events still validate
    department_code = fields.String(allow_none=True)
    appointed_on = fields.Date(allow_none=True)


class GapV1(_Strict):
    """One unmet item of the standard of a cadre's position (khoảng trống năng lực)."""
    key = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(
        ["education", "political_theory", "digital_skill", "course", "competency"]))
    code = fields.String(required=True, allow_none=True)
    required = fields.Raw(required=True)
    actual = fields.Raw(required=True, allow_none=True)
    source = fields.String(required=True, validate=validate.OneOf(["position", "appendix"]))
    title = fields.String(required=True)


class CadreGapsV1(_Strict):
    """The whole current gap list of a cadre; ``gaps_version`` grows with every change."""
    cadre_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    position_id = fields.String(required=True, allow_none=True)
    position_version = fields.Integer(required=True, allow_none=True)
    gaps = fields.List(fields.Nested(GapV1), required=True)
    gaps_version = fields.Integer(required=True, validate=validate.Range(min=1))


class ScaleLevelV1(_Strict):
    level = fields.Integer(required=True, validate=validate.Range(min=1))
    label = fields.String(required=True)


class CompetencyStateV1(_Strict):
    competency_id = fields.String(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    group = fields.String(required=True, validate=validate.OneOf(["political_ethics", "public_duty", "development"]))
    levels = fields.List(fields.Nested(ScaleLevelV1), required=True)
    proficient_level = fields.Integer(required=True)
    version = fields.Integer(required=True, validate=validate.Range(min=1))


class AppendixRequirementV1(CompetencyRequirementV1):
    leaders_only = fields.Boolean(required=True)


class AppendixStateV1(_Strict):
    """The priority appendix of an area type (phụ lục năng lực ưu tiên theo địa bàn)."""
    area = fields.String(required=True, validate=validate.OneOf(["urban", "rural", "mountain"]))
    title = fields.String(required=True)
    requirements = fields.List(fields.Nested(AppendixRequirementV1), required=True)
    version = fields.Integer(required=True, validate=validate.Range(min=1))


_unit = {"unit_id": "u-1", "code": "XA-TANLAP", "name": "Xã Tân Lập", "kind": "commune",
         "area": "mountain", "parent_id": "u-0", "version": 1}
_position = {"position_id": "p-1", "code": "CT-UBND", "title": "Chủ tịch UBND xã",
             "task_group": "lanh-dao-ubnd", "is_leader": True, "version": 2}
_cadre = {"cadre_id": "c-1", "code": "CB000123", "full_name": "Nguyễn Thị Hồng Nhung", "gender": "female",
          "birth_year": 1988, "unit_id": "u-1", "position_id": "p-1", "position_version": 2,
          "is_leader": False, "is_local": True, "status": "active", "version": 3}

_standard = {"min_education": "university", "min_political_theory": "intermediate", "min_digital_skill": "proficient",
             "required_course_categories": ["state_management", "digital_skills"],
             "required_competencies": [{"competency_code": "NL-PT-02", "min_level": 3}]}
_gaps = {"cadre_id": "c-1", "unit_id": "u-1", "position_id": "p-1", "position_version": 2, "gaps_version": 4, "gaps": [
    {"key": "digital_skill", "kind": "digital_skill", "code": None, "required": "proficient", "actual": "basic",
     "source": "position", "title": "Kỹ năng số / Digital skill"},
    {"key": "competency:NL-PT-02", "kind": "competency", "code": "NL-PT-02", "required": 3, "actual": None,
     "source": "appendix", "title": "Chuyển đổi số"}]}
_competency = {"competency_id": "k-1", "code": "NL-PT-02", "name": "Chuyển đổi số", "group": "development",
               "levels": [{"level": n, "label": label} for n, label in
                          enumerate(["Biết", "Hiểu", "Vận dụng", "Thành thạo", "Chuyên gia"], start=1)],
               "proficient_level": 4, "version": 1}
_appendix = {"area": "mountain", "title": "Phụ lục miền núi, vùng đồng bào dân tộc thiểu số", "version": 2,
             "requirements": [{"competency_code": "NL-DB-01", "min_level": 3, "leaders_only": False}]}

TOPIC_UNITS = "evaluation.units.v1"
TOPIC_POSITIONS = "evaluation.positions.v1"
TOPIC_CADRES = "evaluation.cadres.v1"
TOPIC_GAPS = "evaluation.gaps.v1"
TOPIC_STANDARDS = "evaluation.standards.v1"

for _type in ("unit.registered", "unit.updated"):
    register(Contract(_type, 1, TOPIC_UNITS, UnitStateV1, [_unit]))
register(Contract("position.versioned", 1, TOPIC_POSITIONS, PositionStateV1,
                  [_position, {**_position, "version": 3, "standard": _standard},
                   {**_position, "version": 4, "leadership": "department_head"},
                   {**_position, "version": 5, "standard": _standard, "key_title": "pc_chairman"}]))
for _type in ("cadre.registered", "cadre.updated", "cadre.moved", "cadre.left"):
    register(Contract(_type, 1, TOPIC_CADRES, CadreStateV1, [_cadre, {**_cadre, "status": "left", "position_id": None,
                                                                        "position_version": None},
                                                             {**_cadre, "department_code": "TTHCC",
                                                              "appointed_on": "2025-07-01"}]))
register(Contract("cadre.gaps.changed", 1, TOPIC_GAPS, CadreGapsV1, [_gaps, {**_gaps, "gaps": [], "gaps_version": 5}]))
register(Contract("competency.versioned", 1, TOPIC_STANDARDS, CompetencyStateV1, [_competency]))
register(Contract("appendix.versioned", 1, TOPIC_STANDARDS, AppendixStateV1, [_appendix]))


class ScoreComputedV1(_Strict):
    """A cadre's period score (Decree 335), frozen when the period closed; d, dd (đ) and e are
    for leaders only (null otherwise); ``override`` names the fact that forced not_completed."""
    cadre_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    period = fields.String(required=True, validate=PERIOD_CODE)
    task_group = fields.String(required=True, allow_none=True)
    is_leader = fields.Boolean(required=True)
    a = fields.Float(required=True, validate=validate.Range(min=0, max=100))
    b = fields.Float(required=True, validate=validate.Range(min=0, max=100))
    c = fields.Float(required=True, validate=validate.Range(min=0, max=100))
    d = fields.Float(required=True, allow_none=True, validate=validate.OneOf([50.0, 100.0]))
    dd = fields.Float(required=True, allow_none=True, validate=validate.OneOf([50.0, 100.0]))
    e = fields.Float(required=True, allow_none=True, validate=validate.OneOf([50.0, 100.0]))
    task_points = fields.Float(required=True, validate=validate.Range(min=0, max=70))
    general_points = fields.Float(required=True, validate=validate.Range(min=0, max=30))
    total = fields.Float(required=True, validate=validate.Range(min=0, max=100))
    level = fields.String(required=True, validate=validate.OneOf(["excellent", "good", "completed", "not_completed"]))
    override = fields.String(required=True, allow_none=True, validate=validate.OneOf(
        ["degradation_conclusion", "discipline_reprimand_or_heavier", "unit_corruption_case"]))


_score = {"cadre_id": "c-1", "unit_id": "u-1", "period": "2026-Q4", "task_group": "Văn phòng - Thống kê",
          "is_leader": False, "a": 75.0, "b": 62.5, "c": 68.75, "d": None, "dd": None, "e": None,
          "task_points": 48.125, "general_points": 26.0, "total": 74.125, "level": "good", "override": None}
_leader_score = {**_score, "cadre_id": "c-2", "period": "2026-11", "task_group": "Lãnh đạo UBND", "is_leader": True,
                 "a": 100.0, "b": 100.0, "c": 100.0, "d": 50.0, "dd": 100.0, "e": 100.0, "task_points": 64.1666667,
                 "general_points": 30.0, "total": 94.1666667, "level": "not_completed",
                 "override": "unit_corruption_case"}
TOPIC_SCORES = "evaluation.scores.v1"
register(Contract("score.computed", 1, TOPIC_SCORES, ScoreComputedV1, [_score, _leader_score]))


class RiskFlagV1(_Strict):
    """An early-warning flag of a cadre (PRODUCT §3.5) as it stands after the change: its light,
    probability (null while no model is trained: rules only), the rule triggers and the three
    factors (feature names) that weigh most; nothing about gender, ethnicity, age or origin."""
    flag_id = fields.String(required=True)
    cadre_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(["open", "acknowledged", "closed"]))
    period = fields.String(required=True, allow_none=True,
                           validate=PERIOD_CODE)
    light = fields.String(required=True, validate=validate.OneOf(["red", "amber", "green"]))
    probability = fields.Float(required=True, allow_none=True, validate=validate.Range(min=0, max=1))
    triggers = fields.List(fields.String(validate=validate.OneOf(
        ["period_below_50", "leader_d_50", "discipline_recorded", "standard_overdue"])), required=True)
    factors = fields.List(fields.String(), required=True)
    model_version = fields.Integer(required=True, allow_none=True)
    interventions = fields.Integer(required=True, validate=validate.Range(min=0))
    version = fields.Integer(required=True, validate=validate.Range(min=1))


_flag = {"flag_id": "f-1", "cadre_id": "c-1", "unit_id": "u-1", "status": "open", "period": "2026-Q3",
         "light": "red", "probability": None, "triggers": ["period_below_50"], "factors": [],
         "model_version": None, "interventions": 0, "version": 1}
_flag_updated = {**_flag, "status": "acknowledged", "light": "amber", "probability": 0.41,
                 "triggers": [], "factors": ["last_total", "satisfaction_rate", "course_gaps"],
                 "model_version": 2, "interventions": 1, "version": 3}
TOPIC_RISK_FLAGS = "evaluation.risk-flags.v1"
register(Contract("risk_flag.raised", 1, TOPIC_RISK_FLAGS, RiskFlagV1, [_flag]))
register(Contract("risk_flag.updated", 1, TOPIC_RISK_FLAGS, RiskFlagV1, [_flag_updated]))


class RiskCourseAssignedV1(_Strict):
    """HR assigned a course to a flagged cadre as an intervention: the training service adds it to the
    cadre's training plan."""
    flag_id = fields.String(required=True)
    intervention_id = fields.String(required=True)
    cadre_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    course_code = fields.String(required=True, validate=validate.Length(min=1, max=40))
    due_on = fields.Date(required=True, allow_none=True)
    note = fields.String(required=True, allow_none=True)
    assigned_by = fields.String(required=True)


register(Contract("risk_course.assigned", 1, TOPIC_RISK_FLAGS, RiskCourseAssignedV1, [
    {"flag_id": "f-1", "intervention_id": "i-1", "cadre_id": "c-1", "unit_id": "u-1", "course_code": "CDS-CB",
     "due_on": "2027-03-31", "note": "Bồi dưỡng kỹ năng số", "assigned_by": "hr.tanlap"}]))


class PeriodOpenedV1(_Strict):
    """An evaluation period was opened: its units' raters are to be told what to rate."""
    period_id = fields.String(required=True)
    code = fields.String(required=True, validate=PERIOD_CODE)
    starts_on = fields.Date(required=True)
    ends_on = fields.Date(required=True)
    rating_due_on = fields.Date(required=True, allow_none=True)


class PeriodClosingRequestedV1(_Strict):
    """Province HR asked to close a period: the closing job (freeze, classify) is to run."""
    period_id = fields.String(required=True)
    code = fields.String(required=True, validate=PERIOD_CODE)
    job_id = fields.String(required=True)
    requested_by = fields.String(required=True)


class PeriodClosedV1(_Strict):
    """A period's closing job finished: every score is frozen and the units' proposals made."""
    period_id = fields.String(required=True)
    code = fields.String(required=True, validate=PERIOD_CODE)


_opened = {"period_id": "p-1", "code": "2026-Q4", "starts_on": "2026-10-01", "ends_on": "2026-12-31",
           "rating_due_on": "2026-12-15"}
TOPIC_PERIODS = "evaluation.periods.v1"
register(Contract("period.opened", 1, TOPIC_PERIODS, PeriodOpenedV1, [_opened, {**_opened, "rating_due_on": None}]))
register(Contract("period.closing_requested", 1, TOPIC_PERIODS, PeriodClosingRequestedV1,
                  [{"period_id": "p-1", "code": "2026-11", "job_id": "j-1", "requested_by": "admin"}]))
register(Contract("period.closed", 1, TOPIC_PERIODS, PeriodClosedV1, [{"period_id": "p-1", "code": "2026-Q4"}]))


class YearClosingRequestedV1(_Strict):
    """Province HR asked to close the year: the job making the year-end results and proposals is to run."""
    year = fields.Integer(required=True, strict=True, validate=validate.Range(min=2000, max=2100))
    code = fields.String(required=True, validate=validate.Regexp(r"^\d{4}$"))
    job_id = fields.String(required=True)
    requested_by = fields.String(required=True)
    open_quarters = fields.List(fields.Integer(strict=True, validate=validate.Range(min=1, max=4)), required=True)


register(Contract("year.closing_requested", 1, TOPIC_PERIODS, YearClosingRequestedV1,
                  [{"year": 2026, "code": "2026", "job_id": "j-2", "requested_by": "admin", "open_quarters": []},
                   {"year": 2026, "code": "2026", "job_id": "j-3", "requested_by": "admin", "open_quarters": [4]}]))
