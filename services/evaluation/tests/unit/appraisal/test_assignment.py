"""Who rates whom from the organisation, HR's adjustments, and the round's progress."""
import pytest

from evaluation.appraisal.domain.assignment import (Adjustment, Member, adjustment_problem, assigned_pairs,
                                                    derived_pairs, expected_by_rater, rating_problem)
from evaluation.appraisal.domain.round_progress import round_progress

MEMBERS = {m.cadre_id: m for m in (
    Member("chair", None, True), Member("kt-head", "KT", True), Member("vh-head", "VHXH", True),
    Member("kt-1", "KT", False), Member("kt-2", "KT", False), Member("vh-1", "VHXH", False),
    Member("gone", "KT", False, active=False))}
LEADERS = {"kt-head": ("chair",), "vh-head": ("chair",), "kt-1": ("kt-head",), "kt-2": ("kt-head",),
           "vh-1": ("vh-head",), "gone": ("kt-head",), "chair": ()}
PAIRS = derived_pairs(MEMBERS.values(), LEADERS)


@pytest.mark.parametrize("rater,ratee,group", [
    ("kt-1", "kt-1", "self"), ("kt-1", "kt-2", "peer"), ("kt-head", "kt-1", "leader"), ("kt-1", "kt-head", "subordinate"),
    ("chair", "kt-head", "leader"), ("kt-head", "chair", "subordinate"), ("kt-1", "vh-1", None),
    ("kt-head", "vh-head", None), ("kt-1", "gone", None), ("gone", "gone", None), ("kt-head", "vh-1", None)])
def test_the_organisation_gives_each_pair_its_group(rater, ratee, group):
    assert PAIRS.get((rater, ratee)) == group


def test_a_head_and_deputy_of_one_department_are_leader_and_led_not_peers():
    members = [Member("head", "KT", True), Member("deputy", "KT", True)]
    pairs = derived_pairs(members, {"deputy": ("head",), "head": ()})
    assert pairs[("head", "deputy")] == "leader" and pairs[("deputy", "head")] == "subordinate"


def test_a_peer_from_another_department_is_refused_on_the_group():
    problem = rating_problem("peer", MEMBERS["kt-1"], MEMBERS["vh-1"], PAIRS)
    assert problem[0] == "group" and "phòng, ban" in problem[1]


@pytest.mark.parametrize("group,rater,ratee,field", [
    ("leader", "kt-1", "kt-2", "group"), ("subordinate", "kt-head", "kt-1", "group"), ("self", "kt-1", "kt-2", "group"),
    ("leader", "kt-head", "vh-1", "ratee_id"), ("peer", "kt-1", "gone", "ratee_id")])
def test_rating_problems_name_the_field(group, rater, ratee, field):
    problem = rating_problem(group, MEMBERS[rater], MEMBERS[ratee], PAIRS)
    assert problem is not None and problem[0] == field and " / " in problem[1]


def test_assigned_ratings_have_no_problem():
    assert rating_problem("leader", MEMBERS["kt-head"], MEMBERS["kt-1"], PAIRS) is None
    assert rating_problem("subordinate", MEMBERS["kt-head"], MEMBERS["chair"], PAIRS) is None


def test_adjustments_apply_in_the_order_made():
    pairs = assigned_pairs(PAIRS, [Adjustment("add", "kt-head", "vh-1", "leader"),
                                   Adjustment("remove", "kt-1", "kt-2"), Adjustment("remove", "kt-head", "vh-1")])
    assert ("kt-head", "vh-1") not in pairs and ("kt-1", "kt-2") not in pairs
    assert assigned_pairs(PAIRS, [Adjustment("add", "kt-1", "vh-1", "peer")])[("kt-1", "vh-1")] == "peer"
    assert PAIRS[("kt-1", "kt-2")] == "peer"  # the organisation's assignment is left as it was


@pytest.mark.parametrize("adjustment,field", [
    (Adjustment("add", "kt-1", "kt-1", "peer"), "ratee_id"), (Adjustment("add", "kt-1", "nobody", "peer"), "ratee_id"),
    (Adjustment("add", "gone", "kt-1", "peer"), "rater_id"), (Adjustment("add", "kt-1", "vh-1", "self"), "group")])
def test_adjustment_problems(adjustment, field):
    assert adjustment_problem(adjustment, MEMBERS)[0] == field
    assert adjustment_problem(Adjustment("add", "kt-1", "vh-1", "peer"), MEMBERS) is None


def test_expected_counts_per_rater():
    assert expected_by_rater(PAIRS)["kt-head"] == {"self": 1, "leader": 2, "subordinate": 1}


def test_progress_counts_answers_against_the_assignment_and_knows_who_has_not_finished():
    pairs = {("a", "a"): "self", ("a", "b"): "peer", ("b", "b"): "self", ("b", "a"): "peer"}
    progress = round_progress(pairs, {"a": ["a", "b"], "b": ["b", "x-removed"]})
    assert progress.groups["self"] == (2, 2) and progress.groups["peer"] == (1, 2)
    assert progress.groups["leader"] == (0, 0)
    assert (progress.raters, progress.finished, progress.unfinished) == (2, 1, ("b",))
    assert (progress.answered, progress.expected) == (3, 4)
