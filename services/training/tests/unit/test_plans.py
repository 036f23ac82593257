"""The training plan: unmet requirements first, then gaps a course closes."""
from datetime import date

from training.domain.compliance import Item, Requirement
from training.domain.plans import CourseOption, assigned_entries, training_plan

CATALOGUE = [CourseOption("BD-LDCP", "Lãnh đạo cấp phòng", "position_skills", 160, ("NL-CV-04",)),
             CourseOption("CDS-CB", "Kỹ năng số", "digital_skills", 24, ("NL-PT-02",)),
             CourseOption("LLCT-SC", "Sơ cấp LLCT", "political_theory", 240)]
LEADERSHIP = Requirement("YC-LDCP", "Lãnh đạo cấp phòng", "BD-LDCP", None, 12, None)
DIGITAL = Requirement("YC-CDS", "Kỹ năng số", None, "digital_skills", 12, None)


def test_unmet_requirements_then_uncovered_gaps_with_their_courses():
    items = [Item(LEADERSHIP, "overdue", date(2026, 1, 1), None), Item(DIGITAL, "done", None, None)]
    gaps = [{"key": "political_theory", "kind": "political_theory", "code": None, "title": "LLCT"},
            {"key": "competency:NL-PT-02", "kind": "competency", "code": "NL-PT-02", "title": "Chuyển đổi số"},
            {"key": "education", "kind": "education", "code": None, "title": "Trình độ"},
            {"key": "competency:NL-XX", "kind": "competency", "code": "NL-XX", "title": "Không có khóa"}]
    plan = training_plan(items, gaps, CATALOGUE)
    assert [(e.reason, e.key, e.courses) for e in plan] == [
        ("requirement", "YC-LDCP", ("BD-LDCP",)),
        ("gap", "political_theory", ("LLCT-SC",)),
        ("gap", "competency:NL-PT-02", ("CDS-CB",))]


def test_a_gap_already_covered_by_a_requirement_is_not_repeated():
    items = [Item(DIGITAL, "due_soon", date(2026, 12, 1), None)]
    gaps = [{"key": "course:digital_skills", "kind": "course", "code": "digital_skills", "title": "Kỹ năng số"},
            {"key": "digital_skill", "kind": "digital_skill", "code": None, "title": "Kỹ năng số"}]
    assert [e.key for e in training_plan(items, gaps, CATALOGUE)] == ["YC-CDS"]


def test_succession_courses_come_after_requirements_and_only_those_not_passed():
    from training.domain.plans import PlannedCourses

    items = [Item(LEADERSHIP, "overdue", date(2026, 1, 1), None)]
    planned = [PlannedCourses("e-1", "Quy hoạch Chủ tịch UBND", date(2029, 6, 30), ("LLCT-SC", "CDS-CB", "NOT-LISTED")),
               PlannedCourses("e-2", "Quy hoạch Phó Chủ tịch", None, ("CDS-CB",))]
    gaps = [{"key": "political_theory", "kind": "political_theory", "code": None, "title": "LLCT"}]
    plan = training_plan(items, gaps, CATALOGUE, planned, passed={"CDS-CB"})
    assert [(e.reason, e.key, e.courses) for e in plan] == [
        ("requirement", "YC-LDCP", ("BD-LDCP",)),
        ("succession", "e-1", ("LLCT-SC",)),
        ("gap", "political_theory", ("LLCT-SC",))]


def test_courses_assigned_as_interventions_soonest_due_first_even_when_no_longer_offered():
    assigned = {"i-2": {"course_code": "CDS-CB", "due_on": "2027-03-31", "note": None, "flag_id": "f-1"},
                "i-1": {"course_code": "GONE-01", "due_on": "2027-01-15", "note": "x", "flag_id": "f-1"},
                "i-3": {"course_code": "LLCT-SC", "due_on": None, "note": None, "flag_id": "f-2"}}
    entries = assigned_entries(assigned, CATALOGUE)
    assert [(e.reason, e.key, e.title, e.due_on, e.courses) for e in entries] == [
        ("intervention", "i-1", "GONE-01", date(2027, 1, 15), ()),
        ("intervention", "i-2", "Kỹ năng số", date(2027, 3, 31), ("CDS-CB",)),
        ("intervention", "i-3", "Sơ cấp LLCT", None, ("LLCT-SC",))]
