"""The resolution targets scorecard: each figure against its target, per unit and province."""
import pytest

from evaluation.scorecard.domain import BelowStandardLeader, CounterSatisfaction, ScorecardCadre, scorecard


def cadre(n, unit="u1", level="good", gender="male", is_local=True, code="CV-VP", group="Tổng hợp", gaps=()):
    return ScorecardCadre(f"c{n}", unit, gender, is_local, code, group, tuple(gaps), level)


def figures(*args, unit_level=True):
    return {f["key"]: f for f in scorecard(*args, unit_level=unit_level)}


@pytest.mark.parametrize("good, total, met", [(91, 100, True), (90, 100, False), (10, 10, True)])
def test_good_or_better_must_exceed_90_percent(good, total, met):
    cadres = [cadre(i, level="good" if i < good else "completed") for i in range(total)]
    result = figures(cadres, [], [])["good_or_better"]
    assert (result["numerator"], result["denominator"], result["met"]) == (good, total, met)
    assert result["target"] == 0.9 and result["comparison"] == ">"


def test_unrated_cadres_are_not_counted_and_no_rating_means_no_figure():
    result = figures([cadre(1, level=None), cadre(2, level="excellent")], [], [])["good_or_better"]
    assert (result["numerator"], result["denominator"], result["value"]) == (1, 1, 1.0)
    empty = figures([cadre(1, level=None)], [], [])["good_or_better"]
    assert empty["value"] is None and empty["met"] is None and empty["note"]


def test_key_titles_must_all_be_held_by_non_locals():
    cadres = [cadre(1, code="BT-DU", is_local=False), cadre(2, code="CT-UBND", is_local=True),
              cadre(3, code="PCT-UBND", is_local=True), cadre(4, code="TCA", is_local=False)]
    result = figures(cadres, [], [])["key_titles_non_local"]
    assert (result["numerator"], result["denominator"], result["met"]) == (2, 3, False)
    assert figures(cadres[:1], [], [])["key_titles_non_local"]["met"] is True


def test_women_in_the_standing_committee_per_unit_and_province():
    key = "Lãnh đạo chủ chốt"
    cadres = [cadre(1, "u1", gender="female", group=key), cadre(2, "u1", group=key),
              cadre(3, "u2", group=key), cadre(4, "u2", gender="female")]   # c4 is not a key cadre
    unit = figures([c for c in cadres if c.unit_id == "u2"], [], [])["women_in_standing_committee"]
    assert unit["kind"] == "count" and unit["value"] == 0 and unit["met"] is False
    assert figures(cadres[:2], [], [])["women_in_standing_committee"]["met"] is True
    province = figures(cadres, [], [], unit_level=False)["women_in_standing_committee"]
    assert (province["numerator"], province["denominator"], province["met"]) == (1, 2, False)


def test_key_cadres_trained_and_digital_skills_come_from_the_gaps():
    key = "Lãnh đạo chủ chốt"
    cadres = [cadre(1, group=key), cadre(2, group=key, gaps=["course:state_management"]),
              cadre(3, gaps=["digital_skill", "course:x"]), cadre(4, group=key, gaps=["digital_skill"])]
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
    result = scorecard([cadre(1)], [], [], unit_level=True)
    assert [f["key"] for f in result] == ["good_or_better", "key_titles_non_local", "women_in_standing_committee",
                                          "key_cadres_trained", "digital_skills", "citizen_satisfaction",
                                          "below_standard_leaders_replaced"]
    assert all(" / " in f["name"] and f["target_text"] for f in result)
