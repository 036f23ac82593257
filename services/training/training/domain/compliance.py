"""Compliance of a cadre with the training required by their position (tình trạng bồi dưỡng
theo vị trí việc làm): each required item is done, due soon, overdue, expired, or not yet due."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .text import add_months

DUE_SOON_DAYS = 60
STATUSES = ("overdue", "expired", "due_soon", "not_due", "done")  # most urgent first
STATUS_LABELS = {
    "done": "Đã hoàn thành / Done",
    "due_soon": "Sắp đến hạn / Due soon",
    "overdue": "Quá hạn / Overdue",
    "expired": "Chứng chỉ hết hạn / Certificate expired",
    "not_due": "Chưa đến hạn / Not yet due",
}


@dataclass(frozen=True)
class Role:
    """What requirements look at: the cadre's position (code, similar-task group) and leader flag."""
    position_code: str | None
    task_group: str | None
    is_leader: bool


@dataclass(frozen=True)
class Requirement:
    code: str
    title: str
    course_code: str | None  # exactly one of course_code and category
    category: str | None
    due_within_months: int  # counted from the appointment to the position
    repeat_every_months: int | None
    position_codes: tuple[str, ...] = ()
    task_groups: tuple[str, ...] = ()
    leaders: bool | None = None  # True: leaders only, False: non-leaders only, None: both


@dataclass(frozen=True)
class Result:
    course_code: str
    category: str
    session: str
    completed_on: date
    passed: bool
    certificate_expires_on: date | None


@dataclass(frozen=True)
class Item:
    requirement: Requirement
    status: str
    due_on: date | None  # when it must be (re)done; for an expired certificate, the day it expired
    last: Result | None  # the latest passed result that counts for it


def applies_to(requirement: Requirement, role: Role) -> bool:
    """Listed position codes or task groups (either matches; none listed means every position),
    then the leader filter."""
    if requirement.leaders is not None and requirement.leaders != role.is_leader:
        return False
    if not requirement.position_codes and not requirement.task_groups:
        return True
    return role.position_code in requirement.position_codes or role.task_group in requirement.task_groups


def counts_for(requirement: Requirement, result: Result) -> bool:
    if not result.passed:
        return False
    if requirement.course_code:
        return result.course_code == requirement.course_code
    return result.category == requirement.category


def _by_date(due_on: date | None, today: date, soon_days: int) -> str:
    if due_on is None:
        return "not_due"
    if due_on < today:
        return "overdue"
    return "due_soon" if due_on <= today + timedelta(days=soon_days) else "not_due"


def item_status(requirement: Requirement, appointed_on: date | None, results: list[Result], today: date,
                soon_days: int = DUE_SOON_DAYS) -> Item:
    """One requirement for one cadre. Never done: due ``due_within_months`` after appointment (no known
    appointment: not yet due). Done: the latest passed result counts; its certificate expired before
    today → expired; a repeat or a certificate expiry within ``soon_days`` → due soon; a repeat already
    missed → overdue. A date equal to today is still in time."""
    counting = [r for r in results if counts_for(requirement, r)]
    if not counting:
        due = add_months(appointed_on, requirement.due_within_months) if appointed_on else None
        return Item(requirement, _by_date(due, today, soon_days), due, None)
    last = max(counting, key=lambda r: (r.completed_on, r.certificate_expires_on or date.max))
    expires = last.certificate_expires_on
    if expires is not None and expires < today:
        return Item(requirement, "expired", expires, last)
    again = add_months(last.completed_on, requirement.repeat_every_months) if requirement.repeat_every_months else None
    due = min((d for d in (again, expires) if d is not None), default=None)
    status = _by_date(due, today, soon_days)
    return Item(requirement, "done" if status == "not_due" else status, due, last)


def compliance(requirements: list[Requirement], role: Role | None, appointed_on: date | None,
               results: list[Result], today: date, soon_days: int = DUE_SOON_DAYS) -> list[Item]:
    """Every requirement of the cadre's role, most urgent first (a cadre without a position has none)."""
    if role is None:
        return []
    items = [item_status(r, appointed_on, results, today, soon_days) for r in requirements if applies_to(r, role)]
    return sorted(items, key=lambda i: (STATUSES.index(i.status), i.due_on or date.max, i.requirement.code))


def summary(items: list[Item]) -> dict[str, int]:
    counts = {status: 0 for status in STATUSES}
    for item in items:
        counts[item.status] += 1
    return {"required": len(items), **counts}
