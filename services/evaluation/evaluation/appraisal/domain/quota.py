"""The excellent quota: in each (unit, similar-task group) the number rated Hoàn thành
xuất sắc may not exceed a ratio (20 % by default) of the number rated Hoàn thành tốt,
counted on the final classification — a cadre moved down from xuất sắc counts among tốt.
The system never demotes silently: it proposes who stays (highest totals first) and
leaves a tie at the cut to a person."""
from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

DEFAULT_RATIO = Fraction(1, 5)


@dataclass(frozen=True)
class Proposal:
    cadre_id: str
    unit_id: str
    task_group: str
    level: str
    total: float


@dataclass(frozen=True)
class QuotaCheck:
    unit_id: str
    task_group: str
    good: int
    excellent: int
    allowed_excellent: int
    violation: bool
    keep_excellent: list[str]
    to_review: list[str]


def allowed_excellent(excellent: int, good: int, ratio: Fraction) -> int:
    """Largest x ≤ excellent with x ≤ ratio × (good + excellent − x): those moved down join tốt."""
    if ratio < 0:
        raise ValueError("ratio must not be negative")
    bound = ratio * (good + excellent) / (1 + ratio)
    return min(excellent, math.floor(bound))


def check_group(unit_id: str, task_group: str, proposals: list[Proposal], ratio: Fraction) -> QuotaCheck:
    excellent = sorted((p for p in proposals if p.level == "excellent"), key=lambda p: (-p.total, p.cadre_id))
    good = sum(1 for p in proposals if p.level == "good")
    allowed = allowed_excellent(len(excellent), good, ratio)
    if len(excellent) <= allowed:
        return QuotaCheck(unit_id, task_group, good, len(excellent), allowed, False,
                          [p.cadre_id for p in excellent], [])
    cut_total = excellent[allowed - 1].total if allowed else None
    next_total = excellent[allowed].total
    if allowed and cut_total == next_total:
        # a tie straddles the cut: everyone with that total goes to a person to decide
        keep = [p.cadre_id for p in excellent if p.total > cut_total]
        review = [p.cadre_id for p in excellent if p.total == cut_total]
    else:
        keep = [p.cadre_id for p in excellent[:allowed]]
        review = []
    return QuotaCheck(unit_id, task_group, good, len(excellent), allowed, True, keep, review)


def quota_violations(proposals: list[Proposal], ratio: Fraction = DEFAULT_RATIO) -> list[QuotaCheck]:
    """One check per (unit, task group) present in the proposals, in a stable order."""
    groups: dict[tuple[str, str], list[Proposal]] = {}
    for p in proposals:
        groups.setdefault((p.unit_id, p.task_group), []).append(p)
    return [check_group(unit, group, members, ratio) for (unit, group), members in sorted(groups.items())]
