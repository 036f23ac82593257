"""How far a unit's 360 round has come: ratings answered against those asked for, per rater
group, and who has not finished (for the reminder only: HR sees counts, never who answered what)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping

from .assignment import Pair
from .general_criteria import PERSON_GROUPS


@dataclass(frozen=True)
class RoundProgress:
    groups: dict[str, tuple[int, int]]          # group → (answered, expected)
    raters: int                                 # serving cadres asked to rate anyone
    finished: int                               # of them, those who answered everything asked
    unfinished: tuple[str, ...] = field(default=(), repr=False)  # their ids: for reminders, never shown

    @property
    def answered(self) -> int:
        return sum(a for a, _ in self.groups.values())

    @property
    def expected(self) -> int:
        return sum(e for _, e in self.groups.values())


def round_progress(pairs: Mapping[Pair, str], given: Mapping[str, Iterable[str]]) -> RoundProgress:
    """``pairs`` is the assignment in force, ``given`` each rater's ratees rated so far. A rating
    counts when its pair is assigned now (one given before an adjustment removed it does not)."""
    answered = {g: 0 for g in PERSON_GROUPS}
    expected = {g: 0 for g in PERSON_GROUPS}
    asked: dict[str, int] = {}
    done: dict[str, int] = {}
    rated = {rater: set(ratees) for rater, ratees in given.items()}
    for (rater, ratee), group in pairs.items():
        expected[group] += 1
        asked[rater] = asked.get(rater, 0) + 1
        if ratee in rated.get(rater, ()):
            answered[group] += 1
            done[rater] = done.get(rater, 0) + 1
    unfinished = tuple(sorted(r for r, n in asked.items() if done.get(r, 0) < n))
    return RoundProgress({g: (answered[g], expected[g]) for g in PERSON_GROUPS}, len(asked),
                         len(asked) - len(unfinished), unfinished)
