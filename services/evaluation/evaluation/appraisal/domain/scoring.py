"""Period score of a cadre under Decree 335/2025/NĐ-CP and Regulation 366-QĐ/TW.

Score = general criteria (tiêu chí chung, 0–30) + task results (kết quả thực hiện
nhiệm vụ, 0–70). Task results come from the output tasks (sản phẩm) of the period,
each weighted by its conversion coefficient k (hệ số quy đổi).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

TASK_WEIGHT = 0.70
FAILURE_PENALTY = 0.25  # each counted quality failure or delay takes 25 % of the task
GENERAL_MAX = 30.0

EXCELLENT, GOOD, COMPLETED, NOT_COMPLETED = "excellent", "good", "completed", "not_completed"
LEVEL_NAMES_VI = {
    EXCELLENT: "Hoàn thành xuất sắc nhiệm vụ",
    GOOD: "Hoàn thành tốt nhiệm vụ",
    COMPLETED: "Hoàn thành nhiệm vụ",
    NOT_COMPLETED: "Không hoàn thành nhiệm vụ",
}


OVERRIDE_NAMES_VI = {
    "degradation_conclusion": "Có kết luận suy thoái, “tự diễn biến”, “tự chuyển hóa”",
    "discipline_reprimand_or_heavier": "Bị kỷ luật từ khiển trách trở lên trong năm (liên quan công vụ)",
    "unit_corruption_case": "Để xảy ra tham nhũng, lãng phí ở đơn vị thuộc phạm vi phụ trách trực tiếp",
}


@dataclass(frozen=True)
class TaskOutcome:
    """One output task as it stands at scoring time."""

    coefficient: float
    completed: bool
    quality_failures: int = 0
    delays: int = 0
    exempt_quality_failures: int = 0  # confirmed as objective by the competent person: not counted
    exempt_delays: int = 0


@dataclass(frozen=True)
class LeaderCriteria:
    """Extra criteria of a leader or deputy (tiêu chí d, đ, e)."""

    all_subordinates_at_least_50: bool
    unit_plan_on_time: bool
    unity: bool


@dataclass(frozen=True)
class Overrides:
    """Facts that make the period Không hoàn thành nhiệm vụ whatever the score."""

    degradation_conclusion: bool = False  # suy thoái, "tự diễn biến", "tự chuyển hóa"
    discipline_reprimand_or_heavier: bool = False  # khiển trách or heavier, duty-related, in the year
    unit_corruption_case: bool = False  # leaders: corruption/waste in a unit under their direct charge


@dataclass(frozen=True)
class ScoreResult:
    """One cadre's period score as the rules compute it (stored, once a period closes, as
    ``models.scores.FrozenScore``)."""
    a: float
    b: float
    c: float
    task_points: float
    general_points: float
    total: float
    level: str
    override: str | None
    leader: dict | None = field(default=None)


def shown(value: float) -> float:
    """A figure as people read it: 2 decimals, half up (48.125 → 48.13). Never used to classify."""
    return float(Decimal(repr(round(value, 9))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _task_factor(counted: int) -> float:
    return max(0.0, 1.0 - FAILURE_PENALTY * counted)


def task_indices(tasks: list[TaskOutcome]) -> tuple[float, float, float]:
    """(a quantity, b quality, c progress), each 0–100, weighted by k."""
    total_k = sum(t.coefficient for t in tasks)
    if total_k <= 0:
        raise ValueError("at least one task with a positive coefficient is needed")
    a = b = c = 0.0
    for t in tasks:
        if not t.completed:
            continue
        failures = max(0, t.quality_failures - t.exempt_quality_failures)
        delays = max(0, t.delays - t.exempt_delays)
        a += t.coefficient
        b += t.coefficient * _task_factor(failures)
        c += t.coefficient * _task_factor(delays)
    return 100.0 * a / total_k, 100.0 * b / total_k, 100.0 * c / total_k


def leader_indices(criteria: LeaderCriteria) -> tuple[float, float, float]:
    """(d, đ, e): 100 when met, else 50."""
    return (100.0 if criteria.all_subordinates_at_least_50 else 50.0,
            100.0 if criteria.unit_plan_on_time else 50.0,
            100.0 if criteria.unity else 50.0)


def task_points(a: float, b: float, c: float, leader: tuple[float, float, float] | None = None) -> float:
    """T = 0.70 × mean(a, b, c) for others; 0.70 × mean(a, b, c, d, đ, e) for leaders."""
    parts = [a, b, c, *(leader or ())]
    return TASK_WEIGHT * sum(parts) / len(parts)


def classify_period_score(total: float) -> str:
    """Xếp loại from the unrounded total: ≥90 xuất sắc, ≥70 tốt, ≥50 hoàn thành, else không hoàn thành."""
    if total >= 90:
        return EXCELLENT
    if total >= 70:
        return GOOD
    if total >= 50:
        return COMPLETED
    return NOT_COMPLETED


def override_reason(overrides: Overrides, is_leader: bool) -> str | None:
    """Why the period is Không hoàn thành whatever the score, or None."""
    if overrides.degradation_conclusion:
        return "degradation_conclusion"
    if overrides.discipline_reprimand_or_heavier:
        return "discipline_reprimand_or_heavier"
    if is_leader and overrides.unit_corruption_case:
        return "unit_corruption_case"
    return None


def score_period(tasks: list[TaskOutcome], general_points: float, *, is_leader: bool,
                 leader: LeaderCriteria | None = None, overrides: Overrides = Overrides()) -> ScoreResult:
    if not 0 <= general_points <= GENERAL_MAX:
        raise ValueError("general points must be within 0–30")
    if is_leader and leader is None:
        raise ValueError("a leader's score needs the criteria d, đ, e")
    a, b, c = task_indices(tasks)
    leader_parts = leader_indices(leader) if is_leader else None
    points = task_points(a, b, c, leader_parts)
    total = points + general_points
    reason = override_reason(overrides, is_leader)
    level = NOT_COMPLETED if reason else classify_period_score(total)
    leader_out = dict(zip(("d", "dd", "e"), leader_parts)) if leader_parts else None
    return ScoreResult(a=a, b=b, c=c, task_points=points, general_points=general_points, total=total,
                       level=level, override=reason, leader=leader_out)
