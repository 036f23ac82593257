"""A unit's classification in a closed period (PRODUCT.md §3.2, §6): each cadre's level from the
frozen score, the excellent quota checked per similar-task group, the unit HR's decision where a
group exceeds it, and approval once no violation is left undecided.

Nobody is demoted silently: while a group's violation is undecided its excellent proposals stay
excellent and the group shows the violation; a decision names who stays excellent (at most the
allowed number, chosen among the group's excellent proposals) and the others become good.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Iterable, Mapping

from .quota import Proposal, check_group
from .scoring import EXCELLENT, GOOD


@dataclass(frozen=True)
class Row:
    """One cadre's frozen result as the classification lists it (codes, never labels)."""
    cadre_id: str
    full_name: str
    position_id: str | None
    position_code: str | None
    task_group: str | None
    total: float
    score_level: str
    override: str | None
    percentile: float | None
    compared_with: int | None = None   # how many cadres of the province hold a position of that code
    is_leader: bool | None = None


@dataclass(frozen=True)
class Decision:
    keep_excellent: tuple[str, ...]
    decided_by: str
    decided_at: object = None


@dataclass(frozen=True)
class Group:
    task_group: str | None
    good: int
    excellent: int
    allowed_excellent: int
    violation: bool
    keep_excellent: tuple[str, ...]
    to_review: tuple[str, ...]
    decided: bool = False
    decided_by: str | None = None
    decided_at: object = None


def _key(task_group: str | None) -> str:
    return task_group or ""


def groups_of(unit_id: str, rows: Iterable[Row], ratio: Fraction,
              decisions: Mapping[str, Decision] | None = None) -> list[Group]:
    """One group per similar-task group present, by name; ``decisions`` by task group ("" for none)."""
    by_group: dict[str, list[Row]] = {}
    for row in rows:
        by_group.setdefault(_key(row.task_group), []).append(row)
    found = []
    for key in sorted(by_group):
        members = by_group[key]
        check = check_group(unit_id, key, [Proposal(r.cadre_id, unit_id, key, r.score_level, r.total)
                                           for r in members], ratio)
        group = Group(members[0].task_group, check.good, check.excellent, check.allowed_excellent, check.violation,
                      tuple(check.keep_excellent), tuple(check.to_review))
        decision = (decisions or {}).get(key)
        if decision is not None:
            kept = tuple(decision.keep_excellent)
            group = replace(group, good=check.good + check.excellent - len(kept), excellent=len(kept),
                            violation=len(kept) > check.allowed_excellent, keep_excellent=kept, to_review=(),
                            decided=True, decided_by=decision.decided_by, decided_at=decision.decided_at)
        found.append(group)
    return found


def final_levels(rows: Iterable[Row], groups: Iterable[Group]) -> dict[str, str]:
    """Each cadre's level after the decisions: an excellent proposal not kept by its group's decision
    is good; every other level is the score's (undecided groups keep their excellent proposals)."""
    kept = {_key(g.task_group): set(g.keep_excellent) for g in groups if g.decided}
    levels = {}
    for row in rows:
        decided = kept.get(_key(row.task_group))
        demoted = row.score_level == EXCELLENT and decided is not None and row.cadre_id not in decided
        levels[row.cadre_id] = GOOD if demoted else row.score_level
    return levels


def undecided(groups: Iterable[Group]) -> list[str | None]:
    """The task groups whose violation nobody has decided yet (approval waits for them)."""
    return [g.task_group for g in groups if g.violation and not g.decided]


def decision_problem(group: Group, rows: Iterable[Row], keep_excellent: Iterable[str]) -> str | None:
    """Why this decision cannot be taken for ``group`` (as proposed, before any decision), or None."""
    keep = list(keep_excellent)
    proposed = {r.cadre_id for r in rows if _key(r.task_group) == _key(group.task_group)
                and r.score_level == EXCELLENT}
    if len(set(keep)) != len(keep):
        return "Mỗi cán bộ chỉ ghi một lần / each cadre once"
    strangers = [c for c in keep if c not in proposed]
    if strangers:
        return (f"Không phải đề xuất xuất sắc của nhóm này: {', '.join(strangers)} / not an excellent proposal of "
                f"this group")
    if len(keep) > group.allowed_excellent:
        return (f"Tối đa {group.allowed_excellent} xuất sắc trong nhóm này / at most {group.allowed_excellent} "
                f"excellent in this group")
    return None
