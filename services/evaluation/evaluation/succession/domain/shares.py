"""Shares of the plan against the resolution's targets (seed 001 §I.2.2): women and young cadres
among the planned ((3): "có" — at least one, and at least the share set as data), and planned
cadres trained for their title ((7): 100 %). Counted over distinct cadres of the scope (a unit or
the province); a cadre planned for several titles is trained when trained for each of them."""
from __future__ import annotations

from dataclasses import dataclass

from .rules import PlanningRules


@dataclass(frozen=True)
class Planned:
    cadre_id: str
    gender: str
    birth_year: int
    trained: bool


def is_young(birth_year: int, year: int, rules: PlanningRules) -> bool:
    """Under the young age (40 by default) in ``year``."""
    return year - birth_year < rules.young_age


def _figure(count: int, total: int, target: float, at_least_one: bool) -> dict:
    share = count / total if total else None
    met = None if not total else (share >= target - 1e-9 and (count >= 1 or not at_least_one))
    return {"count": count, "share": share, "target": target, "met": met}


def shares(planned: list[Planned], rules: PlanningRules, year: int) -> dict:
    people: dict[str, Planned] = {}
    for p in planned:
        known = people.get(p.cadre_id)
        people[p.cadre_id] = p if known is None else Planned(p.cadre_id, p.gender, p.birth_year,
                                                             known.trained and p.trained)
    total = len(people)
    women = sum(1 for p in people.values() if p.gender == "female")
    young = sum(1 for p in people.values() if is_young(p.birth_year, year, rules))
    trained = sum(1 for p in people.values() if p.trained)
    return {"planned": total,
            "women": _figure(women, total, rules.targets["women"], True),
            "young": _figure(young, total, rules.targets["young"], True),
            "trained": _figure(trained, total, rules.targets["trained"], False)}
