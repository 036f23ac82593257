"""The calibrated early-warning model on a synthetic history (seeded): probabilities, held-out
metrics, the three factors per cadre, refusal on too little history, feedback kept."""
from datetime import date, datetime, timezone

import numpy as np
import pytest

from evaluation.risk.domain.features import FEATURES, CadreHistory, PeriodRecord, SatisfactionRecord, risk_features
from evaluation.risk.domain.model import (MIN_EACH_CLASS, ModelIntegrityError, NotEnoughHistory, assess_cadre,
                                          assessment_of, digest, explain, loads, score_batch, train, training_set)

QUARTERS = ("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1")
AS_OF = date(2026, 11, 25)


def synthetic(cadres=70, seed=7) -> list[CadreHistory]:
    """Each cadre has a hidden ability; scores, satisfaction and gaps follow it with noise, so
    a low-ability cadre is more often under 50 in the next quarter."""
    rng = np.random.default_rng(seed)
    out = []
    for n in range(cadres):
        ability = rng.normal(65, 15)
        periods, satisfaction = [], []
        for code in QUARTERS:
            total = float(np.clip(ability + rng.normal(0, 8), 0, 100))
            level = "not_completed" if total < 50 else "completed" if total < 70 else "good"
            periods.append(PeriodRecord(code, total, total, total, total, level, general_points=total * 0.3,
                                        index_scores=tuple(float(np.clip(total / 10 + rng.normal(0, 1), 0, 10))
                                                           for _ in range(3))))
            responses = int(rng.integers(5, 15))
            satisfied = int(rng.binomial(responses, float(np.clip(ability / 100, 0.05, 0.99))))
            satisfaction.append(SatisfactionRecord(code, responses, satisfied, responses - satisfied))
        gaps = tuple(f"course:c{i}" for i in range(int(rng.integers(0, 3) + (ability < 55))))
        out.append(CadreHistory(f"c-{n}", tuple(periods), tuple(satisfaction), gaps,
                                appointed_on=date(2020 + n % 5, 1, 1)))
    return out


@pytest.fixture(scope="module")
def trained():
    rows, labels, _, _ = training_set(synthetic(), set())
    return train(rows, labels, datetime(2026, 11, 25, tzinfo=timezone.utc)), rows, labels


def test_probabilities_are_calibrated_into_0_1_and_follow_risk(trained):
    model, rows, labels = trained
    probabilities = [model.probability(r) for r in rows]
    assert all(0.0 <= p <= 1.0 for p in probabilities)
    positives = [p for p, y in zip(probabilities, labels) if y]
    negatives = [p for p, y in zip(probabilities, labels) if not y]
    assert np.mean(positives) > np.mean(negatives) + 0.2
    # calibrated: the mean probability is close to the share of positives
    assert abs(np.mean(probabilities) - np.mean(labels)) < 0.05


def test_metrics_are_held_out_and_meaningful(trained):
    model, rows, labels = trained
    metrics = model.metrics
    assert metrics["rows"] == len(rows) == 70 * 4 and metrics["positives"] == sum(labels)
    assert 0.75 < metrics["roc_auc"] <= 1.0
    assert 0.0 < metrics["brier"] < metrics["base_rate"] * (1 - metrics["base_rate"])  # beats the base rate


def test_top_factors_are_the_three_largest_contributions(trained):
    model, rows, _ = trained
    features = dict(rows[0], last_total=20.0, mean_total=30.0, satisfaction_rate=None)
    imputer, scaler, classifier = (model.explainer[name] for name in ("impute", "scale", "classify"))
    x = np.array([[np.nan if features[f] is None else features[f] for f in FEATURES]], dtype=float)
    by_hand = classifier.coef_[0] * (imputer.transform(x)[0] - scaler.mean_) / scaler.scale_
    expected = [FEATURES[i] for i in np.argsort(-by_hand)[:3]]
    factors = model.top_factors(features)
    assert [f["feature"] for f in factors] == expected
    assert [f["weight"] for f in factors] == sorted((f["weight"] for f in factors), reverse=True)
    assert all(" / " in f["text"] and f["text"].split(":")[0] for f in factors)


def test_explanations_are_plain_vietnamese_with_the_value():
    earlier = synthetic(cadres=1)[0]
    low = CadreHistory("x", earlier.periods[:1] + (PeriodRecord("2026-Q2", 35.5, 40, 30, 20, "not_completed"),))
    text = explain("last_total", risk_features(low, AS_OF)["last_total"], 1.2)["text"]
    assert text.startswith("Điểm kỳ gần nhất: 35,50 — làm tăng nguy cơ")
    assert explain("satisfaction_rate", 0.62, -0.4)["text"].startswith("Tỷ lệ người dân hài lòng: 62% — làm giảm")
    assert explain("on_probation", None, 0.1)["text"].startswith("Đang trong thời gian tập sự: chưa có dữ liệu")


def test_assessment_with_a_model_has_probability_light_and_three_factors(trained):
    model, _, _ = trained
    weak = CadreHistory("w", tuple(PeriodRecord(q, 35.0, 35, 35, 35, "not_completed") for q in QUARTERS),
                        (SatisfactionRecord("2026-Q1", 10, 3, 7),), ("course:a", "course:b"))
    assessment = assess_cadre(weak, AS_OF, model)
    assert 0.5 <= assessment.probability <= 1 and assessment.light == "red" and len(assessment.factors) == 3
    strong = CadreHistory("s", tuple(PeriodRecord(q, 92.0, 95, 90, 90, "excellent") for q in QUARTERS),
                          (SatisfactionRecord("2026-Q1", 10, 10, 0),))
    calm = assess_cadre(strong, AS_OF, model)
    assert calm.probability < 0.25 and calm.light == "green" and not calm.flagged


def test_a_batch_assesses_each_cadre_as_alone(trained):
    model, _, _ = trained
    cadres = [*synthetic(cadres=40, seed=11), CadreHistory("no-periods", gap_keys=("course:a",))]
    scores = score_batch(cadres, AS_OF, model)
    assert scores.matrix.shape == (41, len(FEATURES))
    for index, history in enumerate(cadres):
        alone = risk_features(history, AS_OF)
        assert [alone[f] for f in FEATURES] == [None if np.isnan(v) else v for v in scores.matrix[index]]
        assert assessment_of(history, AS_OF, scores, index) == assess_cadre(history, AS_OF, model)
    assert assess_cadre(cadres[-1], AS_OF, model).probability is None


def test_model_survives_storage_as_bytes(trained):
    model, rows, _ = trained
    data = model.dumps()
    again = loads(data, digest(data))
    assert again.probability(rows[3]) == model.probability(rows[3])


def test_bytes_that_do_not_match_their_recorded_hash_are_never_unpickled(trained):
    model, _, _ = trained
    data = model.dumps()
    recorded = digest(data)
    tampered = data[:-40] + bytes(40)
    for stored, expected in ((tampered, recorded), (data, None), (data, "0" * 64)):
        with pytest.raises(ModelIntegrityError) as refused:
            loads(stored, expected)
        assert refused.value.found == digest(stored) and refused.value.expected == expected


def test_too_little_history_is_refused():
    rows, labels, _, _ = training_set(synthetic(cadres=4), set())
    with pytest.raises(NotEnoughHistory) as refused:
        train(rows, labels, datetime.now(timezone.utc))
    assert refused.value.rows == 16


def test_one_outcome_missing_is_refused_whatever_the_size():
    rows = [{f: 70.0 for f in FEATURES}] * 100
    with pytest.raises(NotEnoughHistory):
        train(rows, [0] * (100 - MIN_EACH_CLASS + 1) + [1] * (MIN_EACH_CLASS - 1), datetime.now(timezone.utc))


def test_labels_are_the_next_period_not_completed():
    history = CadreHistory("c", tuple(PeriodRecord(q, t, t, t, t, lv) for q, t, lv in (
        ("2026-Q1", 80.0, "good"), ("2026-Q2", 40.0, "not_completed"), ("2026-Q3", 60.0, "completed"))))
    rows, labels, used, _ = training_set([history], set())
    assert labels == [1, 0] and used == 0
    assert [r["last_total"] for r in rows] == [80.0, 40.0]


def test_not_useful_feedback_on_a_false_alarm_counts_twice():
    history = CadreHistory("c", tuple(PeriodRecord(q, t, t, t, t, lv) for q, t, lv in (
        ("2026-Q1", 45.0, "not_completed"), ("2026-Q2", 60.0, "completed"), ("2026-Q3", 40.0, "not_completed"))))
    rows, labels, used, _ = training_set([history], {("c", "2026-Q1"), ("c", "2026-Q2")})
    # Q1 → Q2 was fine: a confirmed false alarm, counted twice; Q2 → Q3 did fail: feedback not used
    assert labels == [0, 0, 1] and used == 1
