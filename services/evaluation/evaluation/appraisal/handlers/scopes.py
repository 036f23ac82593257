"""What a unit's classification is made for — an evaluation scope: a closed period (its code,
``2026-Q4`` or ``2026-11``) or a closed year (``2026``, the year-end result). The proposal, the
quota decisions, the approval and the exports are one flow for both (handlers.classification),
stored under ``"{scope code}|{unit_id}"``."""
from __future__ import annotations

from dataclasses import dataclass

from ..domain.periods import CLOSED, OPEN
from ..models.periods import Period
from ..models.years import EvaluationYear
from .periods import find_period, period_by_code


@dataclass(frozen=True)
class Scope:
    code: str          # the period's code, or the year's ("2026")
    id: str            # the period's id, or the year's code
    status: str        # open | closing | closed
    kind: str          # period | year

    @property
    def closed(self) -> bool:
        return self.status == CLOSED

    @property
    def link(self) -> str:
        """Where a cadre reads their result of this scope (the /me page)."""
        return f"/me?{'year' if self.kind == 'year' else 'period'}={self.code}"


def of_period(period: Period) -> Scope:
    return Scope(period.code, period.id, period.status, "period")


def period_scope(period_id: str) -> Scope:
    return of_period(find_period(period_id))


def period_code_scope(code: str) -> Scope:
    return of_period(period_by_code(code))


def year_scope(year: int) -> Scope:
    doc = EvaluationYear._get_collection().find_one({"_id": str(year)}, {"status": 1})
    return Scope(str(year), str(year), doc["status"] if doc else OPEN, "year")
