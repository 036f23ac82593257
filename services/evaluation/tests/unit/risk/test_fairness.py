"""The fairness audit: flag rates and mean probability by gender, ethnicity and local flag."""
from evaluation.risk.domain.fairness import AuditRow, fairness_audit


def rows(gender, count, flagged, probability=0.3, ethnicity="Kinh", is_local=True):
    return [AuditRow(gender, ethnicity, is_local, i < flagged, probability) for i in range(count)]


def test_rates_by_group_and_disparity_against_the_overall_rate():
    audit = fairness_audit(rows("female", 10, 5, 0.6) + rows("male", 10, 1, 0.2))
    assert audit["cadres"] == 20 and audit["flagged"] == 6 and audit["flag_rate"] == 0.3
    female, male = audit["groups"]["gender"]
    assert (female["group"], female["flag_rate"], female["mean_probability"]) == ("female", 0.5, 0.6)
    assert (male["group"], male["flag_rate"], male["mean_probability"]) == ("male", 0.1, 0.2)
    assert female["disparity"] and male["disparity"]
    assert female["ratio_to_overall"] == round(0.5 / 0.3, 4)


def test_equal_rates_show_no_disparity():
    audit = fairness_audit(rows("female", 10, 2) + rows("male", 10, 2))
    assert not any(g["disparity"] for g in audit["groups"]["gender"])


def test_small_groups_are_marked_and_never_called_disparate():
    audit = fairness_audit(rows("male", 10, 1) + rows("other", 2, 2))
    other = next(g for g in audit["groups"]["gender"] if g["group"] == "other")
    assert other["cadres"] == 2 and not other["enough"] and not other["disparity"]


def test_local_flag_and_unknown_ethnicity_are_named_groups():
    audit = fairness_audit(rows("male", 5, 1, is_local=False, ethnicity=None) + rows("male", 5, 0))
    assert [g["group"] for g in audit["groups"]["is_local"]] == ["local", "non_local"]
    assert [g["group"] for g in audit["groups"]["ethnicity"]] == ["Kinh", "unknown"]


def test_no_probability_without_a_model():
    audit = fairness_audit(rows("male", 5, 1, probability=None))
    assert audit["groups"]["gender"][0]["mean_probability"] is None


def test_empty_province():
    assert fairness_audit([])["flag_rate"] is None
