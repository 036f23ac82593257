"""The plan's limits (data: PlanningRules): candidates per title and titles per cadre. A title with
fewer than the minimum is shown as short, never refused; past the maximum an addition is refused."""
from __future__ import annotations

from .rules import PlanningRules


def title_full(candidates: int, rules: PlanningRules) -> str | None:
    """Why one more candidate cannot join a title that has ``candidates``, or None."""
    if candidates < rules.max_per_title:
        return None
    return (f"Chức danh này đã có đủ {rules.max_per_title} người trong quy hoạch / "
            f"this title already has the maximum of {rules.max_per_title} candidates")


def cadre_full(titles: int, rules: PlanningRules) -> str | None:
    """Why a cadre already planned for ``titles`` titles cannot take one more, or None."""
    if titles < rules.max_titles_per_cadre:
        return None
    return (f"Cán bộ đã được quy hoạch {rules.max_titles_per_cadre} chức danh (tối đa) / "
            f"the cadre is already planned for the maximum of {rules.max_titles_per_cadre} titles")


def short_of(candidates: int, rules: PlanningRules) -> int:
    """How many candidates a title still lacks to reach the minimum."""
    return max(0, rules.min_per_title - candidates)
