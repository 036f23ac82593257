"""The batch feature matrix against a plain per-cadre reading of the same records, on varied
histories: no periods, one period, missing satisfaction or answers without responses, gaps, no or
several index scores, appointed or not, probation ended or running, discipline before and after."""
import random
from datetime import date, timedelta
from statistics import mean, pstdev

import numpy as np
import pytest

from evaluation.risk.domain.features import (FEATURES, RECENT_DECAY, CadreHistory, PeriodRecord, SatisfactionRecord,
                                             feature_matrix)
from evaluation.risk.domain.rules import dated_gaps, standard_deadline


def _slope(values):
    if len(values) < 2:
        return None
    mx, my = (len(values) - 1) / 2, mean(values)
    return (sum((x - mx) * (y - my) for x, y in enumerate(values))
            / sum((x - mx) ** 2 for x in range(len(values))))


def reference(h: CadreHistory, as_of: date) -> dict:
    """What each feature means, cadre by cadre, in plain Python."""
    totals, last = [p.total for p in h.periods], h.periods[-1] if h.periods else None
    rates = [s.satisfied / s.responses for s in h.satisfaction if s.responses]
    weights = [RECENT_DECAY ** (len(totals) - 1 - i) for i in range(len(totals))]
    responses = sum(s.responses for s in h.satisfaction)
    scores = list(last.index_scores) if last else []
    a = h.appointed_on
    deadline = standard_deadline(h)
    counted = [k for k in h.gap_keys if k not in dated_gaps(h) or (deadline and deadline < as_of)]
    return {
        "last_total": last and last.total, "mean_total": mean(totals) if totals else None,
        "recent_total": sum(w * t for w, t in zip(weights, totals)) / sum(weights) if totals else None,
        "total_trend": _slope(totals), "periods_below_50": sum(t < 50 for t in totals),
        "last_not_completed": None if not last else last.level == "not_completed",
        "last_a": last and last.a, "last_b": last and last.b, "last_c": last and last.c,
        "leader_d_50": sum(p.d == 50 for p in h.periods), "general_points": last and last.general_points,
        "general_spread": pstdev(scores) if len(scores) >= 2 else None,
        "satisfaction_rate": rates[-1] if rates else None,
        "satisfaction_overall": sum(s.satisfied for s in h.satisfaction) / responses if responses else None,
        "satisfaction_trend": _slope(rates), "dissatisfied_responses": sum(s.dissatisfied for s in h.satisfaction),
        "standard_gaps": len(counted), "course_gaps": sum(k.startswith("course:") for k in counted),
        "months_in_position": None if a is None else min(12, max(0, (as_of.year - a.year) * 12
                                                                 + as_of.month - a.month)),
        "on_probation": bool(h.probation_until and h.probation_until >= as_of),
        "discipline_records": sum(d <= as_of for d in h.discipline_dates),
    }


def varied_histories(count: int, seed: int) -> list[CadreHistory]:
    rng = random.Random(seed)
    some_date = lambda: rng.choice([None, date(2020, 1, 1) + timedelta(days=rng.randint(0, 3000))])  # noqa: E731
    out = [CadreHistory("empty")]
    for n in range(count):
        periods = tuple(PeriodRecord(
            f"p{k}", rng.uniform(0, 100), rng.uniform(0, 100), rng.uniform(0, 100), rng.uniform(0, 100),
            rng.choice(["good", "completed", "not_completed", "excellent"]), d=rng.choice([None, 50.0, 70.0]),
            general_points=rng.choice([None, rng.uniform(0, 30)]),
            index_scores=tuple(rng.uniform(0, 10) for _ in range(rng.choice([0, 1, 2, 3]))))
            for k in range(rng.choice([0, 1, 2, 3, 5])))
        answers = []
        for k in range(rng.choice([0, 0, 1, 2, 4])):          # missing satisfaction, or periods without answers
            responses = rng.choice([0, 3, 10])
            satisfied = rng.randint(0, responses)
            answers.append(SatisfactionRecord(f"p{k}", responses, satisfied, rng.randint(0, responses - satisfied)))
        gaps = tuple(rng.choice(["course:a", "digital_skill", "course:b", "no_course:", "competency:x"])
                     for _ in range(rng.choice([0, 2])))
        appointed = rng.choice([some_date(), date(2024, 2, 29), date(2025, 11, 25), date(2025, 11, 24)])
        out.append(CadreHistory(f"c-{n}", periods, tuple(answers), gaps, appointed, some_date(),
                                tuple(date(2024, 1, 1) + timedelta(days=rng.randint(0, 1500))
                                      for _ in range(rng.choice([0, 1, 3])))))
    return out


@pytest.mark.parametrize("as_of", [date(2026, 11, 25), date(2019, 6, 30)])
def test_the_batch_matrix_reads_each_cadre_as_the_plain_reading_does(as_of):
    histories = varied_histories(400, seed=3)
    matrix = feature_matrix(histories, as_of)
    assert matrix.shape == (len(histories), len(FEATURES))
    for history, row in zip(histories, matrix):
        expected = reference(history, as_of)
        for name, value in zip(FEATURES, row):
            if expected[name] is None:
                assert np.isnan(value), (history.cadre_id, name)
            else:
                assert value == pytest.approx(float(expected[name]), abs=1e-9), (history.cadre_id, name)


def test_a_cadre_alone_gets_the_row_the_batch_gives_them():
    histories = varied_histories(60, seed=5)
    matrix = feature_matrix(histories, date(2026, 11, 25))
    for history, row in zip(histories, matrix):
        np.testing.assert_array_equal(feature_matrix([history], date(2026, 11, 25))[0], row)


def test_no_cadres_give_an_empty_matrix():
    assert feature_matrix([], date(2026, 11, 25)).shape == (0, len(FEATURES))
