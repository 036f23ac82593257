"""Citizens' satisfaction (mức độ hài lòng của người dân), PRODUCT.md §3.3: the one rule the
survey service's indices and the evaluation service's 360 citizen group both apply, so the two
never show different figures for the same answers. Satisfaction rate = (very satisfied +
satisfied) / all; a figure from fewer than ``MIN_RESPONSES`` responses is "not enough responses"."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

LEVELS = ("very_satisfied", "satisfied", "dissatisfied")
SATISFIED = ("very_satisfied", "satisfied")
MIN_RESPONSES = 5
NOT_ENOUGH = "Chưa đủ số lượt đánh giá để tính chỉ số (cần ít nhất {n}) / Not enough responses (at least {n} needed)"


@dataclass(frozen=True)
class SatisfactionIndex:
    responses: int
    very_satisfied: int
    satisfied: int
    dissatisfied: int
    enough: bool
    satisfaction_rate: float | None
    shares: dict | None
    message: str | None


def satisfaction_index(counts: Mapping[str, int], minimum: int = MIN_RESPONSES) -> SatisfactionIndex:
    """Index of counted responses per level; rates and shares only from ``minimum`` responses up."""
    per_level = {level: int(counts.get(level, 0)) for level in LEVELS}
    if any(n < 0 for n in per_level.values()):
        raise ValueError("counts cannot be negative")
    total = sum(per_level.values())
    if total < minimum:
        return SatisfactionIndex(total, *per_level.values(), enough=False, satisfaction_rate=None, shares=None,
                                 message=NOT_ENOUGH.format(n=minimum))
    rate = sum(per_level[level] for level in SATISFIED) / total
    shares = {level: round(n / total, 4) for level, n in per_level.items()}
    return SatisfactionIndex(total, *per_level.values(), enough=True, satisfaction_rate=round(rate, 4),
                             shares=shares, message=None)
