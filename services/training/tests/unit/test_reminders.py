"""When training_due is sent (PRODUCT.md §6): 30 days before a deadline and when a certificate
expires, once per cadre, requirement and due date — boundary by boundary."""
from datetime import date, timedelta

from training.domain.compliance import Item, Requirement, Result
from training.domain.reminders import calls_for_notice, due_notices, notice_key

TODAY = date(2026, 11, 25)
DIGITAL = Requirement("YC-CDS", "Kỹ năng số", None, "digital_skills", 12, 36)
PASSED = Result("CDS-CB", "digital_skills", "K1", date(2023, 11, 1), True, date(2026, 11, 1))


def item(status: str, due_on: date | None, last=None) -> Item:
    return Item(DIGITAL, status, due_on, last)


def test_a_deadline_is_announced_from_30_days_ahead_until_its_day():
    assert calls_for_notice(item("due_soon", TODAY + timedelta(days=30)), TODAY)
    assert not calls_for_notice(item("due_soon", TODAY + timedelta(days=31)), TODAY)
    assert calls_for_notice(item("due_soon", TODAY), TODAY)
    assert calls_for_notice(item("done", TODAY + timedelta(days=10), PASSED), TODAY)  # a repeat coming
    assert not calls_for_notice(item("overdue", TODAY - timedelta(days=1)), TODAY)  # announced before its day
    assert not calls_for_notice(item("not_due", None), TODAY)


def test_an_expired_certificate_is_announced_the_day_after_and_caught_up_for_30_days():
    assert calls_for_notice(item("expired", TODAY - timedelta(days=1), PASSED), TODAY)
    assert calls_for_notice(item("expired", TODAY - timedelta(days=30), PASSED), TODAY)
    assert not calls_for_notice(item("expired", TODAY - timedelta(days=31), PASSED), TODAY)


def test_each_notice_once_and_an_expiry_apart_from_the_warning_before_it():
    ahead = item("due_soon", TODAY + timedelta(days=5), PASSED)
    expired = item("expired", TODAY - timedelta(days=2), PASSED)
    assert notice_key("c-1", ahead) == "c-1|YC-CDS|2026-11-30"
    assert notice_key("c-1", item("expired", date(2026, 11, 30), PASSED)) == "c-1|YC-CDS|2026-11-30|expired"
    found = due_notices("c-1", [ahead, expired], TODAY, already=set())
    assert [key for key, _item in found] == ["c-1|YC-CDS|2026-11-30", "c-1|YC-CDS|2026-11-23|expired"]
    assert due_notices("c-1", [ahead, expired], TODAY, already={key for key, _i in found}) == []
