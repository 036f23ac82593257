"""Periods, who rates whom, dossier overrides and a unit's period scores (leaders' d)."""
from datetime import date

import pytest

from cadre_shared.periods import parse_period_code
from evaluation.appraisal.domain.dossier_overrides import dossier_overrides
from evaluation.appraisal.domain.periods import CLOSED, CLOSING, OPEN, accepts_changes
from evaluation.appraisal.domain.raters import Member, rating_problem, relation
from evaluation.appraisal.domain.scoring import TaskOutcome
from evaluation.appraisal.domain.unit_scores import CadreInputs, all_at_least_50, score_unit
from evaluation.registry import ConclusionFact, DisciplineFact


@pytest.mark.parametrize("status,ok", [(OPEN, True), (CLOSING, False), (CLOSED, False)])
def test_only_an_open_period_accepts_changes(status, ok):
    assert accepts_changes(status) is ok


LEADER, STAFF, STAFF2 = Member("L", "U", True), Member("S", "U", False), Member("S2", "U", False)
OTHER_UNIT = Member("X", "V", False)


@pytest.mark.parametrize("rater,ratee,group", [(LEADER, STAFF, "leader"), (STAFF, LEADER, "subordinate"),
                                               (STAFF, STAFF2, "peer"), (LEADER, Member("L2", "U", True), "peer"),
                                               (STAFF, STAFF, "self"), (STAFF, OTHER_UNIT, None)])
def test_relation(rater, ratee, group):
    assert relation(rater, ratee) == group


@pytest.mark.parametrize("group,rater,ratee,field", [
    ("leader", STAFF, STAFF2, "group"), ("subordinate", LEADER, STAFF, "group"), ("self", STAFF, STAFF2, "group"),
    ("peer", STAFF, STAFF, "group"), ("peer", STAFF, OTHER_UNIT, "ratee_id"),
    ("peer", STAFF, Member("S3", "U", False, active=False), "ratee_id"),
])
def test_rating_problems_name_the_field(group, rater, ratee, field):
    problem = rating_problem(group, rater, ratee)
    assert problem is not None and problem[0] == field and " / " in problem[1]


def test_allowed_ratings_have_no_problem():
    assert rating_problem("leader", LEADER, STAFF) is None
    assert rating_problem("self", STAFF, STAFF) is None


Q2 = parse_period_code("2026-Q2")


@pytest.mark.parametrize("day,counts", [(date(2026, 1, 1), True), (date(2026, 6, 30), True),
                                        (date(2026, 7, 1), False), (date(2025, 12, 31), False)])
def test_discipline_counts_in_the_year_up_to_the_period_end(day, counts):
    overrides = dossier_overrides(Q2, [DisciplineFact("reprimand", day, True)], [])
    assert overrides.discipline_reprimand_or_heavier is counts


def test_discipline_not_related_to_duty_does_not_override():
    assert not dossier_overrides(Q2, [DisciplineFact("removal", date(2026, 3, 1), False)], []) \
        .discipline_reprimand_or_heavier


@pytest.mark.parametrize("kind,field", [("degradation", "degradation_conclusion"),
                                        ("self_evolution", "degradation_conclusion"),
                                        ("self_transformation", "degradation_conclusion")])
def test_degradation_conclusions(kind, field):
    overrides = dossier_overrides(Q2, [], [ConclusionFact(kind, date(2026, 2, 1))])
    assert getattr(overrides, field) is True
    assert dossier_overrides(Q2, [], [ConclusionFact("other", date(2026, 2, 1))]).degradation_conclusion is False


def test_corruption_case_in_the_unit():
    facts = [ConclusionFact("corruption_waste", date(2026, 5, 5))]
    assert dossier_overrides(Q2, [], [], facts).unit_corruption_case is True
    assert dossier_overrides(Q2, [], [], [ConclusionFact("corruption_waste", date(2025, 5, 5))]) \
        .unit_corruption_case is False


@pytest.mark.parametrize("totals,met", [([50, 80], True), ([49.99, 80], False), ([], True)])
def test_criterion_d_boundary(totals, met):
    assert all_at_least_50(totals) is met


def _inputs(cadre_id, completed, general, is_leader=False, **kw):
    return CadreInputs(cadre_id, is_leader, (TaskOutcome(1, completed),), general, **kw)


def test_leader_d_follows_the_staffs_totals():
    # staff: 0.70×100 + 20 = 90 and 0 + 20 = 20 (below 50) → the leader's d is 50
    scores = score_unit([_inputs("S1", True, 20), _inputs("S2", False, 20), _inputs("L", True, 30, True)])
    assert scores["S2"].total == pytest.approx(20.0)
    assert scores["L"].leader == {"d": 50.0, "dd": 100.0, "e": 100.0}
    assert scores["L"].total == pytest.approx(0.70 * (500 + 50) / 6 + 30)
    fine = score_unit([_inputs("S1", True, 20), _inputs("L", True, 30, True, unity=False)])
    assert fine["L"].leader == {"d": 100.0, "dd": 100.0, "e": 50.0}


def test_cadres_without_tasks_get_no_score():
    scores = score_unit([CadreInputs("N", False, (), 25.0), _inputs("S", True, 25)])
    assert set(scores) == {"S"}
