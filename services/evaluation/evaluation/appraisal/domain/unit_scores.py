"""Period scores of one unit's cadres under Decree 335 (rules in ``scoring``): task results
from each cadre's output tasks, general points from the 360 round, and for leaders the criteria
d (every cadre they directly manage scores ≥ 50), đ and e (recorded by HR), with the dossier's
overrides. Whom a leader manages is the organisation's (``registry.managed_by``), so a leader is
scored after the people they manage — a chairman after the department heads, who come after
their staff."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

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


def score_unit(cadres: Iterable[CadreInputs], managed: Mapping[str, Iterable[str]]) -> dict[str, ScoreResult]:
    """The score of every cadre with at least one task in the period (no task, no score).
    ``managed`` is whom each leader directly manages; a cycle in it (bad data) is cut where
    it closes, the cadre closing it counting as not scored yet for d."""
    scorable = {c.cadre_id: c for c in cadres if c.tasks}
    scores: dict[str, ScoreResult] = {}
    in_progress: set[str] = set()

    def score(cadre_id: str) -> ScoreResult | None:
        if cadre_id in scores or cadre_id not in scorable or cadre_id in in_progress:
            return scores.get(cadre_id)
        c = scorable[cadre_id]
        if not c.is_leader:
            scores[cadre_id] = score_period(list(c.tasks), c.general_points, is_leader=False, overrides=c.overrides)
            return scores[cadre_id]
        in_progress.add(cadre_id)
        staff = [s for s in (score(m) for m in sorted(managed.get(cadre_id, ()))) if s is not None]
        in_progress.discard(cadre_id)
        criteria = LeaderCriteria(all_at_least_50(s.total for s in staff), c.unit_plan_on_time, c.unity)
        scores[cadre_id] = score_period(list(c.tasks), c.general_points, is_leader=True, leader=criteria,
                                        overrides=c.overrides)
        return scores[cadre_id]

    for cadre_id in sorted(scorable):
        score(cadre_id)
    return scores
