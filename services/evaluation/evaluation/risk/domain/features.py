"""Features of the early warning (cảnh báo sớm), from a cadre's own record only (PRODUCT §3.5).

Gender, ethnicity, age or birth year, birthplace and the local/non-local flag are never
inputs: ``CadreHistory`` has no field for them, and ``EXCLUDED`` names them so tests (and the
fairness audit, the only place that reads them) can check it stays so.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from statistics import mean, pstdev

EXCLUDED = ("gender", "ethnicity", "age", "birth_year", "birthplace", "is_local")

FEATURES = ("last_total", "mean_total", "total_trend", "periods_below_50", "last_a", "last_b", "last_c",
            "leader_d_50", "general_points", "general_spread", "satisfaction_rate", "satisfaction_trend",
            "dissatisfied_responses", "standard_gaps", "course_gaps", "months_in_position", "on_probation",
            "discipline_records")


@dataclass(frozen=True)
class PeriodRecord:
    """One closed period of the cadre: its frozen score."""
    code: str
    total: float
    a: float
    b: float
    c: float
    level: str
    d: float | None = None
    general_points: float | None = None
    index_scores: tuple[float, ...] = ()      # the three general-criteria index scores (0–10)


@dataclass(frozen=True)
class SatisfactionRecord:
    """Counted citizen responses about the cadre in one period."""
    code: str
    responses: int
    satisfied: int                            # very satisfied + satisfied
    dissatisfied: int


@dataclass(frozen=True)
class CadreHistory:
    """What the model may know of one cadre, oldest period first."""
    cadre_id: str
    periods: tuple[PeriodRecord, ...] = ()
    satisfaction: tuple[SatisfactionRecord, ...] = ()
    gap_keys: tuple[str, ...] = ()
    appointed_on: date | None = None
    probation_until: date | None = None
    discipline_dates: tuple[date, ...] = ()
    is_leader: bool = False

    def up_to(self, code: str) -> "CadreHistory":
        """The history as it stood when period ``code`` closed (for training rows)."""
        codes = [p.code for p in self.periods]
        cut = codes.index(code) + 1
        kept = set(codes[:cut])
        return CadreHistory(self.cadre_id, self.periods[:cut],
                            tuple(s for s in self.satisfaction if s.code in kept), self.gap_keys,
                            self.appointed_on, self.probation_until, self.discipline_dates, self.is_leader)


def _slope(values: list[float]) -> float | None:
    """Least-squares slope per period; None under two points."""
    if len(values) < 2:
        return None
    xs = range(len(values))
    mx, my = mean(xs), mean(values)
    return sum((x - mx) * (y - my) for x, y in zip(xs, values)) / sum((x - mx) ** 2 for x in xs)


def _rate(record: SatisfactionRecord) -> float | None:
    return record.satisfied / record.responses if record.responses else None


def _months_between(start: date, end: date) -> int:
    return max(0, (end.year - start.year) * 12 + end.month - start.month)


def risk_features(history: CadreHistory, as_of: date) -> dict[str, float | None]:
    """The feature vector of one cadre at ``as_of``; None where the record says nothing."""
    periods = list(history.periods)
    totals = [p.total for p in periods]
    last = periods[-1] if periods else None
    rates = [r for r in (_rate(s) for s in history.satisfaction) if r is not None]
    index_scores = list(last.index_scores) if last else []
    return {
        "last_total": last.total if last else None,
        "mean_total": mean(totals) if totals else None,
        "total_trend": _slope(totals),
        "periods_below_50": float(sum(1 for t in totals if t < 50)),
        "last_a": last.a if last else None,
        "last_b": last.b if last else None,
        "last_c": last.c if last else None,
        "leader_d_50": float(sum(1 for p in periods if p.d == 50)),
        "general_points": last.general_points if last else None,
        "general_spread": pstdev(index_scores) if len(index_scores) >= 2 else None,
        "satisfaction_rate": rates[-1] if rates else None,
        "satisfaction_trend": _slope(rates),
        "dissatisfied_responses": float(sum(s.dissatisfied for s in history.satisfaction)),
        "standard_gaps": float(len(history.gap_keys)),
        "course_gaps": float(sum(1 for k in history.gap_keys if k.startswith("course:"))),
        "months_in_position": float(_months_between(history.appointed_on, as_of)) if history.appointed_on else None,
        "on_probation": 1.0 if history.probation_until and history.probation_until >= as_of else 0.0,
        "discipline_records": float(sum(1 for d in history.discipline_dates if d <= as_of)),
    }
