"""The fairness audit: flag rates and mean probability by gender, ethnicity and local flag."""
import pytest

from evaluation.risk.domain.fairness import AuditRow, age_band, fairness_audit, outcome_rates


def rows(gender, count, flagged, probability=0.3, ethnicity="Kinh", is_local=True):
    return [AuditRow(i < flagged, probability, gender, ethnicity, is_local) for i in range(count)]


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


@pytest.mark.parametrize("born, band", [(1992, "under_35"), (1991, "35_to_49"), (1977, "35_to_49"),
                                        (1976, "50_and_over"), (None, None)])
def test_age_bands_by_the_age_reached_in_the_year(born, band):
    assert age_band(born, 2026) == band


def test_age_band_is_audited_like_the_other_attributes():
    audit = fairness_audit([AuditRow(True, None, age_band="under_35")] * 5 + [AuditRow(False, None, age_band="50_and_over")] * 5)
    assert [(g["group"], g["flag_rate"]) for g in audit["groups"]["age_band"]] == [("50_and_over", 0.0), ("under_35", 1.0)]


def test_true_and_false_positive_rates_per_group_and_the_largest_gap():
    # women: 10 who failed (8 flagged), 10 who did not (2 flagged); men: 10 failed (5 flagged), 10 not (1)
    labels = [1] * 10 + [0] * 10 + [1] * 10 + [0] * 10
    flagged = [i < 8 for i in range(10)] + [i < 2 for i in range(10)] + [i < 5 for i in range(10)] + \
              [i < 1 for i in range(10)]
    out = outcome_rates(labels, flagged, {"gender": ["female"] * 20 + ["male"] * 20})["gender"]
    female, male = out["groups"]
    assert (female["true_positive_rate"], female["false_positive_rate"], female["flag_rate"]) == (0.8, 0.2, 0.5)
    assert (male["true_positive_rate"], male["false_positive_rate"], male["positives"]) == (0.5, 0.1, 10)
    assert out["gaps"] == {"flag_rate": 0.2, "true_positive_rate": 0.3, "false_positive_rate": 0.1}
    assert out["notable"] is True


def test_small_groups_stay_out_of_the_gaps():
    labels, flagged = [1] * 10 + [0] * 10 + [1, 0], [True] * 10 + [False] * 10 + [False, True]
    out = outcome_rates(labels, flagged, {"area": ["rural"] * 20 + ["mountain"] * 2})["area"]
    mountain = next(g for g in out["groups"] if g["group"] == "mountain")
    assert mountain["true_positive_rate"] == 0.0 and not mountain["enough"]
    assert out["gaps"]["true_positive_rate"] is None and out["notable"] is False
