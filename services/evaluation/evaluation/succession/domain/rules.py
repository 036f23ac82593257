"""The planning rules a province may change (data, not code), with the defaults of the law and of
the resolution, and the plan's term.

- Limits: at least 2 and at most 4 candidates per title; a cadre planned for at most 3 titles.
- Results: Hoàn thành tốt or better in each of the last 3 years.
- Age: young enough to serve one full term before retirement age. Retirement ages by gender are
  those the Labour Code 2019 (Điều 169) and Decree 135/2020/NĐ-CP reach at the end of their
  roadmap — men 62 (from 2028), women 60 (from 2035) — the ages in force during the 2030–2035
  term; "other" takes the lower age, so no one is planned past retirement.
- Discipline in force: the time a measure is executed (Law on Cadres and Civil Servants, Art. 82 as
  amended in 2019): reprimand 6 months, warning and salary step demotion 12, demotion and removal
  18; dismissal never ends.
- Young cadres: under 40. Targets (seed 001 §I.2.2): women and young cadres in every unit's plan
  ((3): "phấn đấu có" — at least one, and at least the share set here, 0 by default); every planned
  cadre trained for their title ((7): 100 %).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

LEVELS = ("not_completed", "completed", "good", "excellent")
DEFAULT_RETIREMENT = MappingProxyType({"male": 62, "female": 60, "other": 60})
DEFAULT_DISCIPLINE_MONTHS = MappingProxyType({"reprimand": 6, "warning": 12, "salary_demotion": 12,
                                              "demotion": 18, "removal": 18, "dismissal": None})
DEFAULT_TARGETS = MappingProxyType({"women": 0.0, "young": 0.0, "trained": 1.0})
TERM = re.compile(r"^(\d{4})-(\d{4})$")


@dataclass(frozen=True)
class PlanningRules:
    min_per_title: int = 2
    max_per_title: int = 4
    max_titles_per_cadre: int = 3
    years_of_results: int = 3
    min_level: str = "good"
    retirement_ages: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_RETIREMENT))
    discipline_months: Mapping[str, int | None] = field(default_factory=lambda: dict(DEFAULT_DISCIPLINE_MONTHS))
    young_age: int = 40
    report_warning_min: int = 1
    targets: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_TARGETS))

    def __post_init__(self):
        if not 1 <= self.min_per_title <= self.max_per_title:
            raise ValueError("1 ≤ min_per_title ≤ max_per_title")
        if self.max_titles_per_cadre < 1 or self.years_of_results < 0 or self.report_warning_min < 1:
            raise ValueError("max_titles_per_cadre ≥ 1, years_of_results ≥ 0, report_warning_min ≥ 1")
        if self.min_level not in LEVELS:
            raise ValueError(f"min_level is one of {LEVELS}")
        if set(self.retirement_ages) != {"male", "female", "other"}:
            raise ValueError("retirement ages for male, female and other")
        if set(self.targets) != set(DEFAULT_TARGETS) or any(not 0 <= v <= 1 for v in self.targets.values()):
            raise ValueError("targets women, young, trained, each a share 0–1")

    def as_dict(self) -> dict:
        return {"min_per_title": self.min_per_title, "max_per_title": self.max_per_title,
                "max_titles_per_cadre": self.max_titles_per_cadre, "years_of_results": self.years_of_results,
                "min_level": self.min_level, "retirement_ages": dict(self.retirement_ages),
                "discipline_months": dict(self.discipline_months), "young_age": self.young_age,
                "report_warning_min": self.report_warning_min, "targets": dict(self.targets)}


@dataclass(frozen=True)
class Term:
    """Nhiệm kỳ: from the start year to the end year (e.g. 2030–2035)."""
    start: int
    end: int

    @property
    def code(self) -> str:
        return f"{self.start}-{self.end}"


def parse_term(code: str) -> Term:
    """``2030-2035`` → Term; a term lasts 1 to 10 years."""
    match = TERM.match(code or "")
    if not match or not 1 <= int(match.group(2)) - int(match.group(1)) <= 10:
        raise ValueError("a term like 2030-2035 (1 to 10 years)")
    return Term(int(match.group(1)), int(match.group(2)))
