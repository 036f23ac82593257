"""Percentiles against the same position code, a unit's classification with the quota, decisions
and approval, and the snapshot closing keeps of a score."""
from fractions import Fraction

import pytest

from evaluation.appraisal.domain.classification import (Decision, Row, decision_problem, final_levels, groups_of,
                                                        undecided)
from evaluation.appraisal.domain.general_criteria import Answer, general_criteria
from evaluation.appraisal.domain.percentile import distribution, percentile, percentiles
from evaluation.appraisal.domain.scoring import TaskOutcome, score_period
from evaluation.appraisal.domain.snapshot import Versions, frozen_record, score_payload


def test_percentile_is_the_share_at_or_below():
    assert percentile(90, [70, 80, 90, 95]) == 75.0
    assert percentile(95, [70, 80, 90, 95]) == 100.0
    assert percentile(70, [70, 70, 90, 95]) == 50.0  # ties count as at or below
    with pytest.raises(ValueError):
        percentile(1, [])


def test_percentiles_compare_within_a_position_code_only():
    rows = [("a", "CV", 60.0), ("b", "CV", 80.0), ("c", "TP", 50.0), ("d", None, 99.0)]
    assert percentiles(rows) == {"a": 50.0, "b": 100.0, "c": 100.0, "d": None}
    assert distribution(rows) == {"CV": [60.0, 80.0], "TP": [50.0]}


def row(cadre_id, level, total, group="VP"):
    return Row(cadre_id, cadre_id.upper(), "p", "CV", group, total, level, None, 50.0)


# 4 excellent against 6 good: at most 1 may stay excellent (x ≤ (6 + 4 − x) / 5)
ROWS = [row("a", "excellent", 96), row("b", "excellent", 95), row("c", "excellent", 92), row("d", "excellent", 92),
        *[row(f"g{i}", "good", 80) for i in range(6)], row("n", "not_completed", 95, "KT")]


def test_a_violation_proposes_who_stays_and_demotes_nobody_until_decided():
    groups = groups_of("U", ROWS, Fraction(1, 5))
    vp = next(g for g in groups if g.task_group == "VP")
    assert (vp.good, vp.excellent, vp.allowed_excellent, vp.violation) == (6, 4, 1, True)
    assert vp.keep_excellent == ("a",) and vp.to_review == ()
    assert undecided(groups) == ["VP"]
    assert {c: l for c, l in final_levels(ROWS, groups).items() if l == "excellent"} == \
        {c: "excellent" for c in "abcd"}


def test_the_tie_shows_for_review_when_it_straddles_the_cut():
    rows = [row("a", "excellent", 96), row("c", "excellent", 92), row("d", "excellent", 92),
            *[row(f"g{i}", "good", 80) for i in range(9)]]
    [vp] = groups_of("U", rows, Fraction(1, 5))
    assert vp.allowed_excellent == 2 and vp.keep_excellent == ("a",) and set(vp.to_review) == {"c", "d"}


def test_a_decision_demotes_those_not_kept_and_clears_the_violation():
    decision = Decision(("b",), "hr.x")
    groups = groups_of("U", ROWS, Fraction(1, 5), {"VP": decision})
    vp = next(g for g in groups if g.task_group == "VP")
    assert (vp.good, vp.excellent, vp.violation, vp.decided, vp.keep_excellent) == (9, 1, False, True, ("b",))
    assert undecided(groups) == []
    levels = final_levels(ROWS, groups)
    assert levels["b"] == "excellent" and levels["a"] == levels["c"] == levels["d"] == "good"
    assert levels["n"] == "not_completed"


@pytest.mark.parametrize("keep,fragment", [(["a", "b"], "Tối đa 1"), (["g1"], "Không phải đề xuất"),
                                           (["n"], "Không phải đề xuất"), (["a", "a"], "một lần")])
def test_decision_problems(keep, fragment):
    vp = next(g for g in groups_of("U", ROWS, Fraction(1, 5)) if g.task_group == "VP")
    assert fragment in decision_problem(vp, ROWS, keep)
    assert decision_problem(vp, ROWS, ["c"]) is None and decision_problem(vp, ROWS, []) is None


def test_the_snapshot_keeps_codes_figures_and_versions_from_the_rules_result():
    score = score_period([TaskOutcome(1, True)], 24.0, is_leader=False)
    general = general_criteria([Answer("r", "c", "self", {"service": 8, "coordination": 8, "discipline": 8})])
    versions = Versions("p-1", "CV-VP", 3, "Văn phòng", 2)
    record = frozen_record("2026-Q4", "c", "u", "Văn phòng", False, score, general, versions)
    assert record["level"] == score.level and record["total"] == score.total and record["override"] is None
    assert record["versions"] == {"position_id": "p-1", "position_code": "CV-VP", "position_version": 3,
                                  "standard_version": 3, "general_policy": "Văn phòng", "general_policy_version": 2}
    assert set(record["general"]["indices"]) == {"service", "coordination", "discipline"}
    assert "name" not in record["general"]["indices"]["service"] and "level_name" not in record
    assert (record["d"], record["leader_reasons"]) == (None, {})
    payload = score_payload(record)
    assert payload["total"] == round(score.total, 6) and "versions" not in payload and "general" not in payload
