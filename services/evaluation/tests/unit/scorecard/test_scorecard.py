"""The resolution targets scorecard: each figure against its target, per unit and province."""
import pytest

from evaluation.scorecard.domain import (ApprovedResults, BelowStandardLeader, CounterSatisfaction, ScorecardCadre,
                                         classification_summary, good_or_better, is_key_post, is_non_local_title,
                                         scorecard)


def cadre(n, unit="u1", gender="male", is_local=True, title=None, key=False, gaps=(), discipline=()):
    """``title``: the key title HR set on the cadre's position (``key``: any key title)."""
    return ScorecardCadre(f"c{n}", unit, gender, is_local, key or is_key_post(title), is_non_local_title(title),
                          tuple(gaps), tuple(discipline))


def figures(*args, unit_level=True, good=None):
    return {f["key"]: f for f in scorecard(*args, unit_level=unit_level, good=good or good_or_better(None, []))}


def year(levels, closed=True):
    return ApprovedResults("2026", "năm 2026", closed, levels)


@pytest.mark.parametrize("good, total, met", [(91, 100, True), (90, 100, False), (10, 10, True)])
def test_good_or_better_must_exceed_90_percent(good, total, met):
    result = good_or_better(year({"u1": {"good": good, "completed": total - good}}), ["u1"])
    assert (result["numerator"], result["denominator"], result["met"]) == (good, total, met)
    assert result["target"] == 0.9 and result["comparison"] == ">"
    assert figures([], [], [], good=result)["good_or_better"] is result


def test_good_or_better_counts_the_approved_units_only_and_says_over_what():
    levels = {"u1": {"excellent": 1, "good": 8, "completed": 1}, "u3": {"not_completed": 1}}
    closed = good_or_better(year(levels), ["u1", "u2"])  # u2: not approved yet, u3: not in scope
    assert (closed["numerator"], closed["denominator"], closed["value"]) == (9, 10, 0.9)
    assert closed["note"] == ("Kết quả cuối năm 2026 đã phê duyệt (1/2 đơn vị) / "
                              "approved year-end results of 2026 (1/2 units)")
    period = good_or_better(ApprovedResults("2026-Q2", "Quý II năm 2026", False, levels), ["u1"])
    assert period["note"].startswith("Năm chưa khóa: xếp loại đã phê duyệt của Quý II năm 2026 (1/1 đơn vị)")
    nothing = good_or_better(year(levels), ["u2"])
    assert nothing["value"] is None and nothing["met"] is None and "(0/1 đơn vị)" in nothing["note"]
    assert good_or_better(None, ["u1"])["note"] == "Chưa có dữ liệu / no data"


def test_key_posts_come_from_the_key_title_hr_sets_not_from_codes():
    assert is_key_post("deputy_secretary") and is_key_post("pc_chairman") and not is_key_post(None)
    assert all(is_non_local_title(t) for t in ("party_secretary", "pc_chairman", "inspection_head", "police_chief",
                                               "military_commander"))
    assert not is_non_local_title("pc_vice_chairman") and not is_non_local_title(None)


def test_key_titles_must_all_be_held_by_non_locals():
    cadres = [cadre(1, title="party_secretary", is_local=False), cadre(2, title="pc_chairman"),
              cadre(3, title="pc_vice_chairman"), cadre(4), cadre(5, title="police_chief", is_local=False)]
    result = figures(cadres, [], [])["key_titles_non_local"]
    assert (result["numerator"], result["denominator"], result["met"]) == (2, 3, False)
    assert figures(cadres[:1], [], [])["key_titles_non_local"]["met"] is True


def test_discipline_counts_the_disciplined_and_is_met_while_nothing_was_serious():
    cadres = [cadre(1, discipline=["reprimand"]), cadre(2), cadre(3)]
    result = figures(cadres, [], [])["discipline_violations"]
    assert (result["kind"], result["value"], result["numerator"], result["denominator"]) == ("count", 1, 1, 3)
    assert result["met"] is True
    serious = figures(cadres + [cadre(4, discipline=["reprimand", "warning"])], [], [])["discipline_violations"]
    assert serious["value"] == 2 and serious["met"] is False and "Nghiêm trọng (cảnh cáo trở lên): 1" in serious["note"]
    assert figures([], [], [])["discipline_violations"]["met"] is None


@pytest.mark.parametrize("meeting, met", [(10, True), (9, False)])
def test_key_cadres_must_meet_their_standard_over_90_percent(meeting, met):
    cadres = [cadre(i, key=True, gaps=() if i < meeting else ["min_education"]) for i in range(10)]
    cadres.append(cadre(99, gaps=["min_education"]))  # not a key cadre: not counted
    result = figures(cadres, [], [])["key_cadres_meet_standard"]
    assert (result["numerator"], result["denominator"], result["met"]) == (meeting, 10, met)


def test_women_in_the_standing_committee_per_unit_and_province():
    cadres = [cadre(1, "u1", gender="female", key=True), cadre(2, "u1", key=True),
              cadre(3, "u2", key=True), cadre(4, "u2", gender="female")]  # c4: not key
    unit = figures([c for c in cadres if c.unit_id == "u2"], [], [])["women_in_standing_committee"]
    assert unit["kind"] == "count" and unit["value"] == 0 and unit["met"] is False
    assert figures(cadres[:2], [], [])["women_in_standing_committee"]["met"] is True
    province = figures(cadres, [], [], unit_level=False)["women_in_standing_committee"]
    assert (province["numerator"], province["denominator"], province["met"]) == (1, 2, False)


def test_key_cadres_trained_and_digital_skills_come_from_the_gaps():
    cadres = [cadre(1, key=True), cadre(2, key=True, gaps=["course:state_management"]),
              cadre(3, gaps=["digital_skill", "course:x"]), cadre(4, key=True, gaps=["digital_skill"])]
    result = figures(cadres, [], [])
    assert (result["key_cadres_trained"]["numerator"], result["key_cadres_trained"]["denominator"]) == (2, 3)
    assert (result["digital_skills"]["numerator"], result["digital_skills"]["denominator"]) == (2, 4)
    assert result["digital_skills"]["met"] is False


@pytest.mark.parametrize("responses, satisfied, value, met", [(4, 4, None, None), (5, 5, 1.0, True),
                                                              (10, 9, 0.9, False)])
def test_citizen_satisfaction_needs_5_responses_and_aims_at_100_percent(responses, satisfied, value, met):
    result = figures([], [CounterSatisfaction("u1", responses, satisfied)], [])["citizen_satisfaction"]
    assert (result["value"], result["met"]) == (value, met)
    assert (result["numerator"], result["denominator"]) == (satisfied, responses)
    if value is None:
        assert "Chưa đủ phiếu" in result["note"]


def test_leaders_rated_below_standard_must_all_be_replaced():
    leaders = [BelowStandardLeader("c1", "u1", "2026-Q1", True), BelowStandardLeader("c2", "u1", "2026-Q2", False)]
    result = figures([], [], leaders)["below_standard_leaders_replaced"]
    assert (result["numerator"], result["denominator"], result["met"]) == (1, 2, False)
    assert figures([], [], [])["below_standard_leaders_replaced"]["value"] is None


def test_every_figure_shows_its_target_in_vietnamese_first():
    result = scorecard([cadre(1)], [], [], unit_level=True, good=good_or_better(None, []))
    assert [f["key"] for f in result] == [
        "discipline_violations", "key_cadres_meet_standard", "women_in_standing_committee", "key_titles_non_local",
        "good_or_better", "below_standard_leaders_replaced", "digital_skills", "key_cadres_trained",
        "citizen_satisfaction"]
    assert all(" / " in f["name"] and f["target_text"] for f in result)


def test_the_approved_classification_counts_every_level_of_the_approved_units():
    summary = classification_summary([{"good": 5, "excellent": 1}, {"good": 2, "not_completed": 1}], 3)
    assert summary == {"units": 3, "approved_units": 2,
                       "levels": {"excellent": 1, "good": 7, "completed": 0, "not_completed": 1}}
    assert classification_summary([], 4)["levels"] == {"excellent": 0, "good": 0, "completed": 0, "not_completed": 0}
