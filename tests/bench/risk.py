"""P4 — the early warning over a province in one batch: features and model for 200,000 cadres
(goal ≤ 2 s) and one cadre re-scored (goal ≤ 50 ms), from the risk context's own functions
(``score_batch``, ``assess_cadre``) on synthetic histories of five closed quarters each, with a
model trained on a smaller synthetic history. Baseline, in the same run: the bare scikit-learn
``predict_proba`` of the same trained model on the same feature matrix (the model alone, no
features, no factors). No store is involved: reading a province's history is the appraisal's
part of the path. QUICK=1 scores 20,000 cadres (the goal is about 200,000)."""
from __future__ import annotations

import statistics
import time
from datetime import date, datetime, timezone

import numpy as np

from common import QUICK, figure, figure_lines, machine, save, timed

PROFILE = "risk"
BATCH_GOAL_S, ONE_GOAL_MS = 2.0, 50.0
QUARTERS = ("2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3")
AS_OF = date(2026, 11, 25)


def histories(count: int, seed: int) -> list:
    """Cadres with a hidden ability: scores, satisfaction and gaps follow it with noise, so a weak
    cadre is more often under 50 in the next quarter (a model has something to learn)."""
    from evaluation.risk.domain.features import CadreHistory, PeriodRecord, SatisfactionRecord

    rng = np.random.default_rng(seed)
    abilities = rng.normal(65, 15, count)
    noise = rng.normal(0, 8, (count, len(QUARTERS)))
    answers = rng.integers(5, 15, (count, len(QUARTERS)))
    out = []
    for n in range(count):
        periods, satisfaction = [], []
        for q, code in enumerate(QUARTERS):
            total = float(min(100.0, max(0.0, abilities[n] + noise[n, q])))
            level = "not_completed" if total < 50 else "completed" if total < 70 else "good"
            periods.append(PeriodRecord(code, total, total, total, total, level, general_points=total * 0.3,
                                        index_scores=(total / 10, total / 11, total / 9)))
            satisfied = int(answers[n, q] * min(0.99, max(0.05, abilities[n] / 100)))
            satisfaction.append(SatisfactionRecord(code, int(answers[n, q]), satisfied, int(answers[n, q]) - satisfied))
        gaps = tuple(f"course:c{i}" for i in range(int(abilities[n] < 55) + n % 3))
        out.append(CadreHistory(f"c-{n}", tuple(periods), tuple(satisfaction), gaps,
                                appointed_on=date(2020 + n % 5, 1 + n % 12, 1)))
    return out


def run() -> dict:
    from evaluation.risk.domain.features import feature_matrix
    from evaluation.risk.domain.model import assess_cadre, score_batch, train, training_set

    cadres = 20_000 if QUICK else 200_000
    print(f"P4 risk: training on 2,000 synthetic cadres, scoring {cadres:,}…", flush=True)
    rows, labels, _, _ = training_set(histories(2_000, seed=7), set())
    model = train(rows, labels, datetime(2026, 11, 25, tzinfo=timezone.utc))
    batch = histories(cadres, seed=11)
    matrix = feature_matrix(batch, AS_OF)
    baseline = timed(lambda: model.calibrated.predict_proba(matrix), repeat=3)
    scored = timed(lambda: score_batch(batch, AS_OF, model), repeat=3)
    one_samples = []
    for history in batch[:200]:
        started = time.perf_counter()
        assess_cadre(history, AS_OF, model)
        one_samples.append(time.perf_counter() - started)
    one = statistics.median(one_samples) * 1000
    figures = [figure(f"{cadres:,} cadres scored in one batch (features + model + factors)", round(scored, 3),
                      BATCH_GOAL_S, "s", baseline=round(baseline, 3)),
               figure("bare scikit-learn predict_proba, same matrix (baseline)", round(baseline, 3), None, "s"),
               figure("one cadre re-scored (median of 200)", round(one, 2), ONE_GOAL_MS, "ms")]
    return {"profile": PROFILE, "machine": machine(), "cadres": cadres, "model": model.metrics, "figures": figures}


def main(_args, _shared=None) -> dict:
    result = run()
    save(PROFILE, result)
    print("\n".join(figure_lines(result["figures"])))
    return result
