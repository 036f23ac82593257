"""Period scores of one unit's cadres under Decree 335 (rules in ``scoring``): task results
from each cadre's output tasks, general points from the 360 round, and for leaders the criteria
d (from the totals of the staff they manage), đ and e (recorded by HR), with the dossier's
overrides. Leaders are scored after their staff, whose totals decide d."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .scoring import LeaderCriteria, Overrides, ScoreResult, TaskOutcome, score_period

SUBORDINATE_MIN_TOTAL = 50.0


@dataclass(frozen=True)
class CadreInputs:
    cadre_id: str
    is_leader: bool
    tasks: tuple[TaskOutcome, ...]
    general_points: float
    unit_plan_on_time: bool = True   # đ, as HR recorded it (met unless recorded otherwise)
    unity: bool = True               # e, as HR recorded it
    overrides: Overrides = Overrides()


def all_at_least_50(totals: Iterable[float]) -> bool:
    """Criterion d: every cadre the leader manages scores at least 50 in the period
    (met when none of them has a score yet)."""
    return all(total >= SUBORDINATE_MIN_TOTAL for total in totals)


def score_unit(cadres: Iterable[CadreInputs]) -> dict[str, ScoreResult]:
    """The score of every cadre with at least one task in the period (no task, no score)."""
    scorable = [c for c in cadres if c.tasks]
    staff = {c.cadre_id: score_period(list(c.tasks), c.general_points, is_leader=False, overrides=c.overrides)
             for c in scorable if not c.is_leader}
    staff_ok = all_at_least_50(s.total for s in staff.values())
    leaders = {c.cadre_id: score_period(list(c.tasks), c.general_points, is_leader=True,
                                        leader=LeaderCriteria(staff_ok, c.unit_plan_on_time, c.unity),
                                        overrides=c.overrides)
               for c in scorable if c.is_leader}
    return {**staff, **leaders}
