"""Rule-based triggers of the early warning (PRODUCT §3.5): they raise a flag with or without
a trained model. Each trigger carries its own traffic light and plain-Vietnamese reason.

Also the second target of the warning, "a standard of their position stays unmet past its
deadline": the qualifications and required courses of the position's standard (education,
political theory, digital skill, course categories) are due ``STANDARD_DEADLINE_MONTHS`` after
the appointment to it (§3.4's "within 12 months of appointment"). Competency levels are HR's
periodic assessments, with no deadline of their own: the gap analysis shows them, this target not."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .features import CadreHistory
from .standard import STANDARD_DEADLINE_MONTHS, deadline_of, is_dated

# How far back the rules look: the last year of periods and of disciplinary decisions.
RULE_LOOKBACK_PERIODS = 4
DISCIPLINE_LOOKBACK = timedelta(days=365)
BELOW_STANDARD = 50.0


@dataclass(frozen=True)
class Trigger:
    code: str
    light: str
    message: str

    def view(self) -> dict:
        return {"code": self.code, "light": self.light, "message": self.message}


def _score(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def period_below_50(history: CadreHistory) -> Trigger | None:
    """Any recent period scored under 50 (Không hoàn thành nhiệm vụ)."""
    low = [p for p in history.periods[-RULE_LOOKBACK_PERIODS:] if p.total < BELOW_STANDARD]
    if not low:
        return None
    worst = min(low, key=lambda p: p.total)
    return Trigger("period_below_50", "red",
                   f"Kỳ {worst.code} đạt {_score(worst.total)} điểm, dưới 50 (không hoàn thành nhiệm vụ) / "
                   f"period {worst.code} scored under 50")


def leader_d_50(history: CadreHistory) -> Trigger | None:
    """A leader whose d was 50: someone they manage scored under 50."""
    hit = [p for p in history.periods[-RULE_LOOKBACK_PERIODS:] if p.d == 50]
    if not hit:
        return None
    return Trigger("leader_d_50", "amber",
                   f"Kỳ {hit[-1].code}: có cán bộ thuộc quyền quản lý dưới 50 điểm (tiêu chí d = 50) / "
                   f"a managed cadre scored under 50 (d = 50)")


def discipline_recorded(history: CadreHistory, as_of: date) -> Trigger | None:
    """A disciplinary decision in the last year."""
    recent = [d for d in history.discipline_dates if as_of - DISCIPLINE_LOOKBACK <= d <= as_of]
    if not recent:
        return None
    last = max(recent)
    return Trigger("discipline_recorded", "amber",
                   f"Có quyết định kỷ luật ngày {last.strftime('%d/%m/%Y')} / disciplinary decision recorded")


def standard_deadline(history: CadreHistory) -> date | None:
    """When the position's qualifications and required courses must be met (None: no appointment known)."""
    return deadline_of(history.appointed_on)


def dated_gaps(history: CadreHistory) -> tuple[str, ...]:
    """The unmet items of the standard that have a deadline, of those known: the required courses
    only once the training service has reported on the cadre (``standard.judged_gaps``)."""
    return tuple(filter(is_dated, history.judged_gap_keys))


def standard_missed_between(history: CadreHistory, start: date, end: date) -> bool:
    """The target's second half, for a training row: the deadline fell in (start, end] with dated
    items unmet. The registry keeps the gap analysis as it is now, so a past row reads today's
    unmet items against that row's deadline."""
    deadline = standard_deadline(history)
    return bool(deadline and start < deadline <= end and dated_gaps(history))


def standard_overdue(history: CadreHistory, as_of: date) -> Trigger | None:
    """A standard of the position still unmet after its deadline (the target itself has happened)."""
    deadline = standard_deadline(history)
    items = dated_gaps(history)
    if deadline is None or deadline >= as_of or not items:
        return None
    return Trigger("standard_overdue", "amber",
                   f"Còn {len(items)} nội dung tiêu chuẩn vị trí việc làm chưa đạt sau hạn "
                   f"{deadline.strftime('%d/%m/%Y')} ({STANDARD_DEADLINE_MONTHS} tháng kể từ bổ nhiệm) / "
                   f"{len(items)} item(s) of the position's standard unmet past the deadline")


def rule_triggers(history: CadreHistory, as_of: date) -> list[Trigger]:
    found = [period_below_50(history), leader_d_50(history), discipline_recorded(history, as_of),
             standard_overdue(history, as_of)]
    return [t for t in found if t is not None]
