"""When a cadre and their unit's HR are told that training is due (thông báo đến hạn bồi dưỡng):
30 days before a deadline, and when a certificate expires — once for each cadre, requirement and
due date, however often the daily job looks."""
from __future__ import annotations

from datetime import date, timedelta

from .compliance import Item

NOTICE_DAYS = 30


def notice_key(cadre_id: str, item: Item) -> str:
    """One notice per cadre, requirement and due date — and one more when a certificate has expired
    (the notice 30 days before its expiry had the same date)."""
    key = f"{cadre_id}|{item.requirement.code}|{item.due_on.isoformat()}"
    return key + "|expired" if item.status == "expired" else key


def calls_for_notice(item: Item, today: date, days: int = NOTICE_DAYS) -> bool:
    """A deadline from today up to ``days`` ahead (a first deadline, a repeat, a certificate about to
    expire); or a certificate that expired within the last ``days`` (the day it expired, or the first
    run after it if the job missed days). An item long overdue was announced before its deadline."""
    if item.due_on is None:
        return False
    if item.status == "expired":
        return today - timedelta(days=days) <= item.due_on < today
    return today <= item.due_on <= today + timedelta(days=days)


def due_notices(cadre_id: str, items: list[Item], today: date, already: set[str],
                days: int = NOTICE_DAYS) -> list[tuple[str, Item]]:
    """(key, item) of the notices this cadre's items call for today and that were not sent before."""
    found = []
    for item in items:
        if calls_for_notice(item, today, days):
            key = notice_key(cadre_id, item)
            if key not in already:
                found.append((key, item))
    return found
