"""Compliance of one requirement for one cadre, boundary by boundary (PRODUCT.md §3.4)."""
from datetime import date, timedelta

from training.domain.compliance import Requirement, Result, Role, applies_to, compliance, item_status, summary

TODAY = date(2026, 11, 25)
DIGITAL = Requirement("YC-CDS", "Kỹ năng số", None, "digital_skills", 12, None)
LEADERSHIP = Requirement("YC-LDCP", "Lãnh đạo cấp phòng", "BD-LDCP", None, 12, None,
                         position_codes=("PTP",), task_groups=("Lãnh đạo phòng, trung tâm",))
REPEATED = Requirement("YC-QPAN", "Quốc phòng", None, "defence_security", 12, 60, leaders=True)


def result(course="CDS-CB", category="digital_skills", completed=date(2026, 1, 10), passed=True, expires=None):
    return Result(course, category, "2026-K1", completed, passed, expires)


def status(requirement, appointed, results, today=TODAY):
    return item_status(requirement, appointed, results, today).status


def test_never_done_is_due_n_months_after_appointment_overdue_only_after_that_day():
    appointed = date(2025, 11, 25)  # due 25/11/2026
    assert status(DIGITAL, appointed, []) == "due_soon"  # due today: still in time
    assert status(DIGITAL, appointed, [], today=TODAY + timedelta(days=1)) == "overdue"
    assert item_status(DIGITAL, appointed, [], TODAY).due_on == date(2026, 11, 25)


def test_due_soon_window_is_60_days_inclusive():
    due = TODAY + timedelta(days=60)
    appointed = date(due.year - 1, due.month, due.day)
    assert status(DIGITAL, appointed, []) == "due_soon"
    assert status(DIGITAL, appointed, [], today=TODAY - timedelta(days=1)) == "not_due"


def test_unknown_appointment_is_not_yet_due():
    item = item_status(DIGITAL, None, [], TODAY)
    assert (item.status, item.due_on) == ("not_due", None)


def test_a_failed_result_or_another_category_does_not_count():
    appointed = date(2024, 1, 1)
    assert status(DIGITAL, appointed, [result(passed=False)]) == "overdue"
    assert status(DIGITAL, appointed, [result(course="QPAN-D4", category="defence_security")]) == "overdue"
    assert status(DIGITAL, appointed, [result()]) == "done"


def test_a_course_requirement_needs_that_course_not_its_category():
    appointed = date(2024, 1, 1)
    same_category = result(course="KN-MC", category="position_skills")
    assert status(LEADERSHIP, appointed, [same_category]) == "overdue"
    assert status(LEADERSHIP, appointed, [result(course="BD-LDCP", category="position_skills")]) == "done"


def test_certificate_expiry_day_is_still_valid_the_next_day_expired():
    done = [result(expires=TODAY)]
    assert status(DIGITAL, None, done) == "due_soon"
    item = item_status(DIGITAL, None, done, TODAY + timedelta(days=1))
    assert (item.status, item.due_on) == ("expired", TODAY)
    assert status(DIGITAL, None, [result(expires=TODAY + timedelta(days=61))]) == "done"
    assert status(DIGITAL, None, [result(expires=TODAY + timedelta(days=60))]) == "due_soon"


def test_a_newer_result_replaces_an_expired_certificate():
    old = result(completed=date(2022, 1, 1), expires=date(2025, 1, 1))
    new = result(completed=date(2026, 3, 1), expires=date(2029, 3, 1))
    assert status(DIGITAL, None, [old]) == "expired"
    assert status(DIGITAL, None, [old, new]) == "done"


def test_repeat_falls_due_m_months_after_the_last_completion():
    last = result(course="QPAN-D4", category="defence_security", completed=date(2021, 11, 25))  # again 25/11/2026
    assert status(REPEATED, None, [last]) == "due_soon"
    assert status(REPEATED, None, [last], today=TODAY + timedelta(days=1)) == "overdue"
    assert status(REPEATED, None, [last], today=date(2026, 9, 25)) == "done"


def test_requirements_apply_by_position_code_or_task_group_and_leader_flag():
    deputy = Role("PTP", "Lãnh đạo phòng, trung tâm", True)
    head_by_group = Role("TP-XYZ", "Lãnh đạo phòng, trung tâm", True)
    officer = Role("CV-MC", "Phục vụ hành chính công", False)
    assert applies_to(LEADERSHIP, deputy) and applies_to(LEADERSHIP, head_by_group)
    assert not applies_to(LEADERSHIP, officer)
    assert applies_to(DIGITAL, officer) and applies_to(REPEATED, deputy) and not applies_to(REPEATED, officer)


def test_compliance_lists_most_urgent_first_and_counts_each_status():
    items = compliance([DIGITAL, LEADERSHIP, REPEATED], Role("PTP", "Lãnh đạo phòng, trung tâm", True),
                       date(2025, 1, 1), [result()], TODAY)
    assert [(i.requirement.code, i.status) for i in items] == [
        ("YC-LDCP", "overdue"), ("YC-QPAN", "overdue"), ("YC-CDS", "done")]
    assert summary(items) == {"required": 3, "overdue": 2, "expired": 0, "due_soon": 0, "not_due": 0, "done": 1}
    assert compliance([DIGITAL], None, None, [], TODAY) == []  # no position: nothing required
