"""Citizens' reports the inspection found substantiated (phản ánh được kết luận là đúng) count
against the cadre's discipline-and-integrity index group (4) of the general criteria: each one
concluded within the period takes a fixed number of points off that group's 0–10 score (never
below 0). A report counts in the period its conclusion falls in — when the inspection has found it
true — so a case concluded after a period closed weighs on the next one, never on a frozen score."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from cadre_shared.periods import PeriodSpan

INTEGRITY_INDEX = "discipline"


def reports_in_period(concluded_on: Iterable[date], span: PeriodSpan) -> int:
    """How many substantiated reports were concluded within the period."""
    return sum(1 for day in concluded_on if span.starts_on <= day <= span.ends_on)


def integrity_deduction(reports: int, per_report: float) -> float:
    """Points taken off the integrity index's 0–10 score (the caller keeps the score at 0 or more)."""
    if reports < 0 or per_report < 0:
        raise ValueError("reports and the deduction per report are never negative")
    return reports * per_report
