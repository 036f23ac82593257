"""Periods, dossier overrides and a unit's period scores (leaders' d from whom they manage)."""
from datetime import date

import pytest

from cadre_shared.periods import parse_period_code
from evaluation.appraisal.domain.dossier_overrides import dossier_overrides
from evaluation.appraisal.domain.periods import CLOSED, CLOSING, OPEN, accepts_changes
from evaluation.appraisal.domain.scoring import TaskOutcome
from evaluation.appraisal.domain.unit_scores import CadreInputs, all_at_least_50, score_unit
from evaluation.registry import ConclusionFact, DisciplineFact


@pytest.mark.parametrize("status,ok", [(OPEN, True), (CLOSING, False), (CLOSED, False)])
def test_only_an_open_period_accepts_changes(status, ok):
    assert accepts_changes(status) is ok


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


def test_leader_d_follows_the_totals_of_those_they_manage():
    # staff: 0.70×100 + 20 = 90 and 0 + 20 = 20 (below 50) → the leader's d is 50
    managed = {"L": {"S1", "S2"}}
    scores = score_unit([_inputs("S1", True, 20), _inputs("S2", False, 20), _inputs("L", True, 30, True)], managed)
    assert scores["S2"].total == pytest.approx(20.0)
    assert scores["L"].leader == {"d": 50.0, "dd": 100.0, "e": 100.0}
    assert scores["L"].total == pytest.approx(0.70 * (500 + 50) / 6 + 30)
    fine = score_unit([_inputs("S1", True, 20), _inputs("L", True, 30, True, unity=False)], {"L": {"S1"}})
    assert fine["L"].leader == {"d": 100.0, "dd": 100.0, "e": 50.0}


def test_d_counts_only_the_people_the_leader_manages_not_the_whole_unit():
    # S2 (below 50) is in another department: the KT head's d is met, the VHXH head's is not
    cadres = [_inputs("S1", True, 20), _inputs("S2", False, 20), _inputs("KT", True, 30, True),
              _inputs("VH", True, 30, True)]
    scores = score_unit(cadres, {"KT": {"S1"}, "VH": {"S2"}})
    assert scores["KT"].leader["d"] == 100.0 and scores["VH"].leader["d"] == 50.0


def test_a_chairman_is_scored_after_the_heads_whose_totals_decide_d():
    # the head's own d fails (S2 at 20), which pulls the head below 50 → the chairman's d fails too
    cadres = [_inputs("S2", False, 20), _inputs("HEAD", False, 5, True), _inputs("CHAIR", True, 30, True)]
    scores = score_unit(cadres, {"CHAIR": {"HEAD"}, "HEAD": {"S2"}})
    assert scores["HEAD"].total < 50 and scores["CHAIR"].leader["d"] == 50.0


def test_a_cycle_in_the_management_relation_still_scores_everyone():
    cadres = [_inputs("A", True, 30, True), _inputs("B", True, 30, True)]
    assert set(score_unit(cadres, {"A": {"B"}, "B": {"A"}})) == {"A", "B"}


def test_cadres_without_tasks_get_no_score():
    scores = score_unit([CadreInputs("N", False, (), 25.0), _inputs("S", True, 25)], {})
    assert set(scores) == {"S"}
