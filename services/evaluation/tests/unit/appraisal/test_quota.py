"""The 20 % excellent quota per (unit, similar-task group), counted on final classification."""
from fractions import Fraction

import pytest

from evaluation.appraisal.domain.quota import Proposal, allowed_excellent, quota_violations


def proposals(unit, group, excellent_totals, good=0, others=0):
    out = [Proposal(f"x{i}", unit, group, "excellent", t) for i, t in enumerate(excellent_totals)]
    out += [Proposal(f"g{i}", unit, group, "good", 80) for i in range(good)]
    out += [Proposal(f"c{i}", unit, group, "completed", 60) for i in range(others)]
    return out


@pytest.mark.parametrize("excellent,good,allowed", [
    (1, 5, 1),   # 1 ≤ 0.2 × 5
    (2, 5, 1),   # keeping 2 needs 10 tốt; keeping 1 → 6 tốt, 1 ≤ 1.2
    (2, 10, 2),  # exactly at the limit
    (3, 9, 2),   # keep 2 → 10 tốt, 2 ≤ 2; keep 3 → 9 tốt, 3 > 1.8
    (1, 0, 0),   # no tốt: the one proposed becomes tốt
    (0, 7, 0),
    (12, 0, 2),  # keep 2 → 10 tốt
])
def test_allowed_excellent_counts_the_moved_down_among_good(excellent, good, allowed):
    got = allowed_excellent(excellent, good, Fraction(1, 5))
    assert got == allowed
    if got:
        assert got <= Fraction(1, 5) * (good + excellent - got)
    if got < excellent:
        assert got + 1 > Fraction(1, 5) * (good + excellent - got - 1), "the largest allowed number"


def test_within_limit_keeps_everyone_and_reports_no_violation():
    (check,) = quota_violations(proposals("u1", "g", [95, 91], good=10, others=3))
    assert (check.good, check.excellent, check.allowed_excellent, check.violation) == (10, 2, 2, False)
    assert check.keep_excellent == ["x0", "x1"] and check.to_review == []


def test_over_limit_keeps_highest_totals_first():
    (check,) = quota_violations(proposals("u1", "g", [91, 97, 93], good=9))
    assert check.violation and check.allowed_excellent == 2
    assert check.keep_excellent == ["x1", "x2"] and check.to_review == []


def test_tie_at_the_cut_goes_to_a_person():
    (check,) = quota_violations(proposals("u1", "g", [95, 93, 93, 91], good=10))
    assert check.allowed_excellent == 2 and check.violation
    assert check.keep_excellent == ["x0"]
    assert sorted(check.to_review) == ["x1", "x2"]


def test_groups_are_separate_per_unit_and_task_group():
    checks = quota_violations(proposals("u1", "a", [95], good=5) + proposals("u1", "b", [95], good=1)
                              + proposals("u2", "a", [95], good=5))
    assert [(c.unit_id, c.task_group, c.violation) for c in checks] == [
        ("u1", "a", False), ("u1", "b", True), ("u2", "a", False)]


def test_ratio_is_configurable():
    (check,) = quota_violations(proposals("u1", "g", [95, 94, 93], good=6), Fraction(1, 2))
    assert check.allowed_excellent == 3 and not check.violation
