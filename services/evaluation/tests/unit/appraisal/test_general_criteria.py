"""360 aggregation of the general criteria: one test per rule boundary (weights and re-weighting,
the ≥ 3 raters rule, citizens on service only, leniency normalisation, the nể nang flag)."""
import pytest

from evaluation.appraisal.domain.general_criteria import (
    DEFAULT_WEIGHTS, Answer, Policy, citizen_score, general_criteria, lenient_unit, normalised, rater_offsets,
    reweighted, shown)


def answer(rater, group, service, coordination=None, discipline=None, ratee="R"):
    coordination = service if coordination is None else coordination
    discipline = service if discipline is None else discipline
    return Answer(rater, ratee, group, {"service": service, "coordination": coordination, "discipline": discipline})


def peers(n, score, ratee="R"):
    return [answer(f"p{i}", "peer", score, ratee=ratee) for i in range(n)]


def test_default_weights_and_points():
    assert dict(DEFAULT_WEIGHTS) == {"leader": 0.4, "peer": 0.2, "subordinate": 0.1, "self": 0.1, "citizens": 0.2}
    result = general_criteria([answer("L", "leader", 10), answer("R", "self", 10), *peers(3, 10)],
                              citizens=10.0, citizen_responses=5)
    assert result.points == pytest.approx(30.0) and result.complete


def test_all_groups_present_weighted_mean():
    answers = [answer("L", "leader", 8), answer("R", "self", 10), *peers(3, 6),
               *[answer(f"s{i}", "subordinate", 9) for i in range(3)]]
    result = general_criteria(answers, citizens=5.0, citizen_responses=8)
    service = result.indices["service"]
    # 0.4×8 + 0.2×6 + 0.1×9 + 0.1×10 + 0.2×5 = 7.3
    assert service.score == pytest.approx(7.3) and service.points == pytest.approx(7.3)
    # no citizens outside service: 0.4, 0.2, 0.1, 0.1 re-weighted over 0.8 → (3.2+1.2+0.9+1.0)/0.8
    assert result.indices["coordination"].score == pytest.approx(6.3 / 0.8)
    assert result.indices["service"].groups["citizens"].weight == pytest.approx(0.2)
    assert result.indices["coordination"].groups["citizens"].counted is False


def test_missing_groups_are_reweighted():
    assert reweighted(DEFAULT_WEIGHTS, ["leader", "self"]) == pytest.approx({"leader": 0.8, "self": 0.2})
    result = general_criteria([answer("L", "leader", 8), answer("R", "self", 6)])
    assert result.indices["discipline"].score == pytest.approx(0.8 * 8 + 0.2 * 6)
    assert result.points == pytest.approx(3 * 7.6)


def test_no_group_at_all_gives_nothing():
    assert reweighted(DEFAULT_WEIGHTS, []) == {}
    result = general_criteria([])
    assert result.points == 0.0 and result.complete is False
    assert result.indices["service"].score is None


@pytest.mark.parametrize("group,raters,visible", [("peer", 2, False), ("peer", 3, True), ("subordinate", 2, False),
                                                  ("subordinate", 3, True), ("leader", 1, True), ("self", 1, True),
                                                  ("peer", 0, False), ("leader", 0, False)])
def test_three_raters_rule(group, raters, visible):
    assert shown(group, raters) is visible


def test_two_peers_are_neither_shown_nor_counted():
    result = general_criteria([answer("L", "leader", 8), *peers(2, 2)])
    figure = result.indices["service"].groups["peer"]
    assert figure.raters == 2 and figure.hidden and figure.mean is None and not figure.counted
    assert result.indices["service"].score == pytest.approx(8.0)  # only the leader counts
    third = general_criteria([answer("L", "leader", 8), *peers(3, 2)])
    assert third.indices["service"].groups["peer"].mean == pytest.approx(2.0)
    assert third.indices["service"].score == pytest.approx((0.4 * 8 + 0.2 * 2) / 0.6)


@pytest.mark.parametrize("rate,mark", [(None, None), (0.0, 0.0), (0.8, 8.0), (1.0, 10.0)])
def test_citizen_mark_is_rate_times_ten(rate, mark):
    assert citizen_score(rate) == mark


def test_citizen_rate_out_of_range_is_refused():
    with pytest.raises(ValueError):
        citizen_score(1.2)


def test_configured_points_and_weights():
    policy = Policy(index_points={"service": 15, "coordination": 5, "discipline": 10},
                    weights={"leader": 0.5, "peer": 0.5, "subordinate": 0, "self": 0, "citizens": 0})
    result = general_criteria([answer("L", "leader", 10), answer("R", "self", 0), *peers(3, 6)], policy)
    assert result.indices["service"].points == pytest.approx(15 * 0.8)
    assert result.indices["service"].groups["self"].counted is False  # weight 0 counts for nothing
    assert result.points == pytest.approx(30 * 0.8)


@pytest.mark.parametrize("points,weights", [
    ({"service": 10, "coordination": 10, "discipline": 9}, DEFAULT_WEIGHTS),
    ({"service": 10, "coordination": 10}, DEFAULT_WEIGHTS),
    ({"service": 10, "coordination": 10, "discipline": 10}, {**DEFAULT_WEIGHTS, "self": 0.2}),
    ({"service": 40, "coordination": -10, "discipline": 0}, DEFAULT_WEIGHTS),
])
def test_policy_must_be_consistent(points, weights):
    with pytest.raises(ValueError):
        Policy(index_points=points, weights=weights)


def _unit_round():
    """Rater 'soft' gives 10 to everyone, rater 'hard' gives 6; each rated 3 people."""
    answers = []
    for ratee in ("A", "B", "C"):
        answers.append(answer("soft", "peer", 10, ratee=ratee))
        answers.append(answer("hard", "peer", 6, ratee=ratee))
    return answers


def test_leniency_offsets_against_the_raters_own_mean():
    offsets = rater_offsets(_unit_round())
    assert offsets["soft"]["service"] == pytest.approx(2.0) and offsets["hard"]["service"] == pytest.approx(-2.0)
    adjusted = normalised(_unit_round(), offsets)
    assert {a.rater_id: a.scores["service"] for a in adjusted if a.ratee_id == "A"} == {"soft": 8.0, "hard": 8.0}


def test_raters_of_fewer_than_three_people_are_not_normalised():
    answers = [a for a in _unit_round() if a.ratee_id != "C"]
    assert rater_offsets(answers) == {}


def test_normalisation_stays_within_the_scale_and_leaves_self_alone():
    answers = _unit_round() + [answer("mid", "peer", 8, ratee=r) for r in ("A", "B", "C")]
    answers.append(answer("soft", "self", 10, ratee="soft"))
    offsets = rater_offsets(answers)
    extreme = normalised([answer("hard", "peer", 10, ratee="A"), answer("soft", "self", 10, ratee="soft")], offsets)
    assert extreme[0].scores["service"] == 10.0  # 10 + 2 is capped at 10
    assert extreme[1].scores["service"] == 10.0  # self-assessment untouched


def test_policy_switches_normalisation_on():
    answers = [answer("soft", "peer", 10, ratee="A"), answer("x", "peer", 8, ratee="A"),
               answer("y", "peer", 8, ratee="A")]
    offsets = rater_offsets(_unit_round())  # soft is 2 points above the unit's mean
    raw = general_criteria(answers, Policy(), offsets=offsets)
    adjusted = general_criteria(answers, Policy(normalise_leniency=True), offsets=offsets)
    assert raw.indices["service"].score == pytest.approx(26 / 3) and not raw.normalised
    assert adjusted.indices["service"].score == pytest.approx(8.0) and adjusted.normalised


def test_nearly_everyone_top_graded_flags_the_unit():
    five_top = [answer(f"r{i}", "peer", 9.5, ratee=f"c{j}") for j in range(5) for i in range(3)]
    check = lenient_unit(five_top)
    assert (check.rated, check.top_graded, check.flagged) == (5, 5, True)


def test_one_in_ten_below_the_top_still_flags_but_two_do_not():
    nine = [answer("r", "peer", 10, ratee=f"c{j}") for j in range(9)]
    assert lenient_unit(nine + [answer("r", "peer", 8.9, ratee="c9")]).flagged is True  # 90 %
    eight = [answer("r", "peer", 10, ratee=f"c{j}") for j in range(8)]
    low = [answer("r", "peer", 8.9, ratee=f"c{j}") for j in (8, 9)]
    check = lenient_unit(eight + low)
    assert check.share == pytest.approx(0.8) and check.flagged is False


def test_small_units_and_self_assessment_are_not_flagged():
    four = [answer("r", "peer", 10, ratee=f"c{j}") for j in range(4)]
    assert lenient_unit(four).flagged is False
    selves = [answer(f"c{j}", "self", 10, ratee=f"c{j}") for j in range(6)]
    assert lenient_unit(selves).rated == 0 and lenient_unit(selves).flagged is False


def test_top_grade_needs_every_index_group():
    one_low = [answer(f"r{i}", "peer", 10, 10, 8.5, ratee=f"c{j}") for j in range(5) for i in range(3)]
    assert lenient_unit(one_low).top_graded == 0
