"""Facts of the e-dossier that make a period Không hoàn thành nhiệm vụ whatever the score
(PRODUCT.md §3.2), read from the discipline records and formal conclusions.

A fact counts for a period when it is dated in the period's year, no later than the period's
last day: "in the year" for discipline, and the same window for conclusions, so a conclusion
of an earlier year does not weigh on every later period.
"""
from __future__ import annotations

from datetime import date
from typing import Iterable

from cadre_shared.periods import PeriodSpan

from ...registry import DISCIPLINE_MEASURES, ConclusionFact, DisciplineFact
from .scoring import Overrides

DEGRADATION_TYPES = ("degradation", "self_evolution", "self_transformation")  # suy thoái, tự diễn biến, tự chuyển hóa
CORRUPTION_TYPES = ("corruption_waste",)
HEAVIEST_FROM = "reprimand"  # khiển trách hoặc nặng hơn


def counts_in(day: date, span: PeriodSpan) -> bool:
    return span.year_starts_on <= day <= span.ends_on


def dossier_overrides(span: PeriodSpan, discipline: Iterable[DisciplineFact], conclusions: Iterable[ConclusionFact],
                      unit_conclusions: Iterable[ConclusionFact] = ()) -> Overrides:
    """The overrides of one cadre. ``unit_conclusions`` are the conclusions recorded on anyone in
    the unit the cadre leads (a corruption or waste case there weighs on its leaders)."""
    return Overrides(
        degradation_conclusion=any(c.type in DEGRADATION_TYPES and counts_in(c.concluded_on, span)
                                   for c in conclusions),
        discipline_reprimand_or_heavier=any(d.duty_related and DISCIPLINE_MEASURES.meets(d.measure, HEAVIEST_FROM)
                                            and counts_in(d.decided_on, span) for d in discipline),
        unit_corruption_case=any(c.type in CORRUPTION_TYPES and counts_in(c.concluded_on, span)
                                 for c in unit_conclusions))
