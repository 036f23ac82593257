"""Gap analysis (khoảng trống năng lực): each item of a standard at its boundaries, the area
appendix, and unit counts that agree with the per-cadre lists."""
from datetime import date

import pytest

from evaluation.registry.domain.gaps import (AppendixItem, CadreProfile, CompetencyRequirement, Standard,
                                             TrainingRecord, assessment_in_force, cadre_gaps, completed_categories,
                                             required_competencies, unit_gap_summary)

DAY = date(2026, 11, 25)
FULL = Standard(min_education="university", min_political_theory="intermediate", min_digital_skill="proficient",
                required_course_categories=("state_management", "digital_skills"),
                required_competencies=(CompetencyRequirement("NL-PT-02", 3), CompetencyRequirement("NL-TTCV-01", 4)))
MEETS_ALL = CadreProfile(education="university", political_theory="intermediate", digital_skill="proficient",
                         competency_levels={"NL-PT-02": 3, "NL-TTCV-01": 4},
                         completed_categories=frozenset({"state_management", "digital_skills"}))
NAMES = {"NL-PT-02": "Chuyển đổi số", "NL-TTCV-01": "Thực thi công vụ"}


def keys(gaps):
    return [g.key for g in gaps]


def with_(**changes):
    return CadreProfile(**{**MEETS_ALL.__dict__, **changes})


def test_a_cadre_exactly_at_every_minimum_has_no_gap():
    assert cadre_gaps(MEETS_ALL, FULL) == []


def test_nothing_required_means_nothing_missing_even_with_an_empty_dossier():
    assert cadre_gaps(CadreProfile(), Standard()) == []


@pytest.mark.parametrize("field,value,gap", [
    ("education", "doctorate", False), ("education", "university", False), ("education", "college", True),
    ("education", None, True),
    ("political_theory", "advanced", False), ("political_theory", "intermediate", False),
    ("political_theory", "elementary", True), ("political_theory", "none", True), ("political_theory", None, True),
    ("digital_skill", "advanced", False), ("digital_skill", "proficient", False), ("digital_skill", "basic", True),
    ("digital_skill", None, True),
])
def test_ordered_levels_at_above_and_below_the_minimum(field, value, gap):
    found = cadre_gaps(with_(**{field: value}), FULL)
    assert keys(found) == ([field] if gap else [])
    if gap:
        assert found[0].required == getattr(FULL, f"min_{field}") and found[0].actual == value
        assert found[0].remedy


def test_scale_gap_says_what_is_held_and_what_is_required_in_vietnamese_first():
    (gap,) = cadre_gaps(with_(education="college"), FULL)
    assert gap.label.startswith("Trình độ chuyên môn: Cao đẳng, yêu cầu Đại học")
    assert gap.remedy.startswith("Học nâng trình độ chuyên môn lên Đại học")


@pytest.mark.parametrize("level,gap", [(5, False), (3, False), (2, True), (None, True)])
def test_required_competency_at_above_below_and_never_assessed(level, gap):
    levels = {"NL-TTCV-01": 4} if level is None else {"NL-PT-02": level, "NL-TTCV-01": 4}
    found = cadre_gaps(with_(competency_levels=levels), FULL, competency_names={"NL-PT-02": "Chuyển đổi số"})
    assert keys(found) == (["competency:NL-PT-02"] if gap else [])
    if gap:
        assert found[0].actual == level and found[0].required == 3 and found[0].title == "Chuyển đổi số"
        assert ("chưa được đánh giá" in found[0].label) == (level is None)


def test_each_missing_course_category_is_its_own_gap():
    found = cadre_gaps(with_(completed_categories=frozenset({"political_theory"})), FULL)
    assert keys(found) == ["course:state_management", "course:digital_skills"]


@pytest.mark.parametrize("expires,passed,held", [
    (None, True, True),                     # no expiry
    (DAY, True, True),                      # expires today: still valid today
    (date(2026, 11, 24), True, False),      # expired yesterday
    (date(2027, 1, 1), False, False),       # failed
])
def test_a_course_counts_when_passed_and_its_certificate_has_not_expired(expires, passed, held):
    records = [TrainingRecord("digital_skills", passed, expires)]
    assert ("digital_skills" in completed_categories(records, DAY)) is held


def test_gaps_come_in_the_order_of_the_standard():
    found = cadre_gaps(CadreProfile(), FULL)
    assert keys(found) == ["education", "political_theory", "digital_skill", "course:state_management",
                           "course:digital_skills", "competency:NL-PT-02", "competency:NL-TTCV-01"]


MOUNTAIN = (AppendixItem("NL-DB-01", 3), AppendixItem("NL-PT-01", 3, leaders_only=True), AppendixItem("NL-PT-02", 4))


def test_area_appendix_adds_its_items_and_raises_a_shared_minimum():
    required = required_competencies(FULL, MOUNTAIN, is_leader=False)
    assert required == {"NL-PT-02": (4, "appendix"), "NL-TTCV-01": (4, "position"), "NL-DB-01": (3, "appendix")}


def test_appendix_never_lowers_the_position_minimum():
    assert required_competencies(FULL, (AppendixItem("NL-TTCV-01", 2),), False)["NL-TTCV-01"] == (4, "position")


def test_leaders_only_appendix_items_apply_to_leaders_only():
    assert "NL-PT-01" not in required_competencies(FULL, MOUNTAIN, is_leader=False)
    assert required_competencies(FULL, MOUNTAIN, is_leader=True)["NL-PT-01"] == (3, "appendix")


def test_appendix_gap_is_marked_as_coming_from_the_appendix():
    found = cadre_gaps(MEETS_ALL, FULL, MOUNTAIN)
    assert [(g.key, g.source, g.required, g.actual) for g in found] == [
        ("competency:NL-PT-02", "appendix", 4, 3), ("competency:NL-DB-01", "appendix", 3, None)]


def test_the_assessment_in_force_is_the_latest_and_on_the_same_day_the_last_recorded():
    assessed = [("A", date(2026, 1, 1)), ("A", date(2026, 6, 1)), ("A", date(2026, 3, 1)),
                ("B", date(2026, 5, 5)), ("B", date(2026, 5, 5))]
    assert assessment_in_force(assessed) == {"A": 1, "B": 4}


def test_unit_counts_equal_the_per_cadre_lists():
    profiles = {
        "c1": MEETS_ALL,
        "c2": with_(education="college", digital_skill="basic"),
        "c3": with_(education="vocational", competency_levels={"NL-TTCV-01": 1}),
        "c4": CadreProfile(),
    }
    per_cadre = {cid: cadre_gaps(p, FULL, competency_names=NAMES) for cid, p in profiles.items()}
    summary = unit_gap_summary({cid: keys(gaps) for cid, gaps in per_cadre.items()}, NAMES)
    assert summary.cadres == 4 and summary.cadres_with_gaps == 3
    for item in summary.items:
        holders = sorted(cid for cid, gaps in per_cadre.items() if item.key in keys(gaps))
        assert sorted(item.cadre_ids) == holders and item.count == len(holders)
    assert {i.key for i in summary.items} == {k for gaps in per_cadre.values() for k in keys(gaps)}
    assert summary.items[0].key == "education" and summary.items[0].count == 3
    assert [i.count for i in summary.items] == sorted((i.count for i in summary.items), reverse=True)
    titled = {g.key: (g.kind, g.code, g.title) for gaps in per_cadre.values() for g in gaps}
    assert {i.key: (i.kind, i.code, i.title) for i in summary.items} == titled  # as the cadre's own analysis


def test_unit_without_cadres_has_no_items():
    summary = unit_gap_summary({})
    assert (summary.cadres, summary.cadres_with_gaps, summary.items) == (0, 0, ())
