"""The plan's limits and its shares against the resolution's targets."""
from evaluation.succession.domain.limits import cadre_full, short_of, title_full
from evaluation.succession.domain.rules import PlanningRules
from evaluation.succession.domain.shares import Planned, is_young, shares

RULES = PlanningRules()


def test_a_fifth_candidate_and_a_fourth_title_are_refused():
    assert title_full(3, RULES) is None
    assert "tối đa" not in (title_full(4, RULES) or "") and "4" in title_full(4, RULES)
    assert cadre_full(2, RULES) is None
    assert "3 chức danh" in cadre_full(3, RULES)
    assert title_full(4, PlanningRules(max_per_title=5)) is None


def test_a_title_below_the_minimum_is_short_not_refused():
    assert [short_of(n, RULES) for n in (0, 1, 2, 3)] == [2, 1, 0, 0]


def test_young_means_under_40_this_year_by_default():
    assert is_young(1987, 2026, RULES) and not is_young(1986, 2026, RULES)
    assert is_young(1986, 2026, PlanningRules(young_age=41))


def test_shares_count_distinct_cadres_beside_the_targets():
    planned = [Planned("a", "female", 1990, True), Planned("a", "female", 1990, False),
               Planned("b", "male", 1975, True), Planned("c", "male", 1970, True), Planned("d", "male", 1980, True)]
    figures = shares(planned, RULES, 2026)
    assert figures["planned"] == 4
    assert figures["women"] == {"count": 1, "share": 0.25, "target": 0.0, "met": True}
    assert figures["young"]["count"] == 1 and figures["young"]["met"] is True
    # "a" is trained for one of their titles only: not trained
    assert figures["trained"] == {"count": 3, "share": 0.75, "target": 1.0, "met": False}


def test_no_woman_in_the_plan_misses_the_target_and_an_empty_plan_has_no_verdict():
    figures = shares([Planned("b", "male", 1975, True)], RULES, 2026)
    assert figures["women"]["met"] is False and figures["trained"]["met"] is True
    empty = shares([], RULES, 2026)
    assert empty["planned"] == 0 and empty["women"] == {"count": 0, "share": None, "target": 0.0, "met": None}
