"""Quality of the early-warning model against a known truth: a synthetic province whose generating
process gives every cadre's true probability of failing next period, the model trained on some
communes and judged on the others (held out by commune), over several seeds.

    make bench PROFILE=risk-quality            # ten seeds (QUICK=1: three)
    python tests/bench/risk_quality.py 10      # the same, as a command

Generating process (per seed; communes of ``PER_COMMUNE`` cadres, ``QUARTERS`` closed quarters):
  ability a₀ ~ N(0, 1); a personal drift d ~ N(0, 0.15) per quarter (some cadres decline steadily);
  after quarter t, the true probability that quarter t+1 is Không hoàn thành nhiệm vụ is
      q_t = sigmoid(-2.4 - 1.5·(a_t + d))                 (known: the Bayes-optimal forecast)
  and the outcome y ~ Bernoulli(q_t); then a_{t+1} = a_t + d + N(0, 0.3). A failed quarter scores
  U(25, 49); another 62 + 10·a + N(0, 6) clipped to [50, 100] (≥ 70: good). Citizens' answers
  n ~ U{4..14}, satisfied ~ Binomial(n, sigmoid(1 + a)). Gender, ethnic minority, mountain commune
  and age band are drawn independently of ability: a fair model shows no real gap between groups.
The model sees only what the product gives it (``CadreHistory``: scores, satisfaction), never the
generator's a, d or the protected attributes. It is scored on each held-out cadre's last quarter,
as the product assesses after a period closes; HR's capacity is ten cadres per commune.

Figures: held-out ROC-AUC beside the Bayes-optimal AUC (the true q on the same rows), PR-AUC,
Brier score (and the true q's), precision among each commune's ten highest (and the true q's), and
the largest fairness gap (flag rate, true- and false-positive rate between groups of one attribute).
"""
from __future__ import annotations

import statistics
import sys
from dataclasses import dataclass
from datetime import date, datetime, timezone

import numpy as np

from common import QUICK, figure, figure_lines, machine, save

PROFILE = "risk-quality"
QUARTERS = ("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3")
ENDS = {"Q1": (3, 31), "Q2": (6, 30), "Q3": (9, 30), "Q4": (12, 31)}
COMMUNES, PER_COMMUNE, CAPACITY = 60, 25, 10
HELD_OUT_SHARE = 0.3
AGE_BANDS = ("under_35", "35_to_49", "50_and_over")


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def quarter_end(code: str) -> date:
    month, day = ENDS[code[-2:]]
    return date(int(code[:4]), month, day)


@dataclass(frozen=True)
class Synthetic:
    history: object               # evaluation.risk.domain.features.CadreHistory
    commune: int
    truth: tuple[float, ...]      # q_t after each quarter but the last
    groups: dict                  # protected attributes: never given to the model


def generate(seed: int, communes: int = COMMUNES, per_commune: int = PER_COMMUNE) -> list[Synthetic]:
    from evaluation.risk.domain.features import CadreHistory, PeriodRecord, SatisfactionRecord

    rng = np.random.default_rng(seed)
    mountain = rng.random(communes) < 0.35
    cadres = []
    for n in range(communes * per_commune):
        ability, drift = rng.normal(0, 1), rng.normal(0, 0.15)
        periods, satisfaction, truth, failed = [], [], [], False
        for t, code in enumerate(QUARTERS):
            if failed:
                total = rng.uniform(25, 49)
            else:
                total = float(np.clip(62 + 10 * ability + rng.normal(0, 6), 50, 100))
            level = "not_completed" if failed else "good" if total >= 70 else "completed"
            periods.append(PeriodRecord(code, round(total, 2), total, total, total, level, general_points=total * 0.3,
                                        index_scores=(total / 10, total / 10, total / 10)))
            answers = int(rng.integers(4, 15))
            satisfied = int(rng.binomial(answers, sigmoid(1 + ability)))
            satisfaction.append(SatisfactionRecord(code, answers, satisfied, answers - satisfied))
            if t < len(QUARTERS) - 1:
                q = float(sigmoid(-2.4 - 1.5 * (ability + drift)))
                truth.append(q)
                failed = bool(rng.random() < q)
                ability += drift + rng.normal(0, 0.3)
        groups = {"gender": "female" if rng.random() < 0.45 else "male",
                  "ethnicity": "minority" if rng.random() < 0.25 else "kinh",
                  "area": "mountain" if mountain[n // per_commune] else "lowland",
                  "age_band": AGE_BANDS[int(rng.integers(0, 3))]}
        history = CadreHistory(f"s{seed}-{n}", tuple(periods), tuple(satisfaction), appointed_on=date(2018, 1, 1))
        cadres.append(Synthetic(history, n // per_commune, tuple(truth), groups))
    return cadres


def auc_standard_error(auc: float, positives: int, negatives: int) -> float:
    """Hanley & McNeil (1982): the standard error of an AUC measured on this many cases."""
    q1, q2 = auc / (2 - auc), 2 * auc * auc / (1 + auc)
    variance = (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc))
    return float(np.sqrt(max(variance, 0.0) / max(1, positives * negatives)))


def top_per_commune(probabilities: np.ndarray, communes: np.ndarray, capacity: int = CAPACITY) -> np.ndarray:
    """True for each commune's ``capacity`` highest probabilities: the cadres HR looks at."""
    chosen = np.zeros(len(probabilities), dtype=bool)
    for commune in np.unique(communes):
        members = np.flatnonzero(communes == commune)
        chosen[members[np.argsort(-probabilities[members], kind="stable")[:capacity]]] = True
    return chosen


def fairness_gaps(flagged: np.ndarray, labels: np.ndarray, groups: list[dict]) -> dict:
    """Per attribute, the largest difference between its groups in flag rate, TPR and FPR."""
    out = {}
    for attribute in groups[0]:
        values = np.array([g[attribute] for g in groups])
        rates = {"flag_rate": [], "tpr": [], "fpr": []}
        for value in np.unique(values):
            member = values == value
            rates["flag_rate"].append(flagged[member].mean())
            if (member & (labels == 1)).any():
                rates["tpr"].append(flagged[member & (labels == 1)].mean())
            if (member & (labels == 0)).any():
                rates["fpr"].append(flagged[member & (labels == 0)].mean())
        out[attribute] = {name: round(float(max(v) - min(v)), 4) if len(v) > 1 else 0.0 for name, v in rates.items()}
    return out


def judge(probabilities, labels, truth, communes, groups) -> dict:
    """The report for one held-out set: the model's figures beside the true probabilities'."""
    from evaluation.risk.domain.quality import held_out_metrics

    y, p, q = np.asarray(labels, dtype=int), np.asarray(probabilities, float), np.asarray(truth, float)
    model, bayes = held_out_metrics(y, p), held_out_metrics(y, q)
    flagged = top_per_commune(p, np.asarray(communes))
    se = auc_standard_error(model["roc_auc"], int(y.sum()), int(len(y) - y.sum()))
    gaps = fairness_gaps(flagged, y, groups)
    largest = max(((a, m, v) for a, by in gaps.items() for m, v in by.items()), key=lambda x: x[2])
    return {"rows": len(y), "positives": int(y.sum()), "roc_auc": model["roc_auc"], "roc_auc_se": round(se, 4),
            "bayes_auc": bayes["roc_auc"], "pr_auc": model["pr_auc"], "brier": model["brier"],
            "bayes_brier": bayes["brier"], "precision_at_capacity": round(float(y[flagged].mean()), 4),
            "bayes_precision_at_capacity": round(float(y[top_per_commune(q, np.asarray(communes))].mean()), 4),
            "beats_chance": model["roc_auc"] - 2 * se > 0.5, "worse_than_chance": model["roc_auc"] + 2 * se < 0.5,
            "fairness_gaps": gaps, "largest_gap": {"attribute": largest[0], "measure": largest[1], "gap": largest[2]}}


def run_seed(seed: int, shuffle_labels: bool = False, communes: int = COMMUNES) -> dict:
    """Train on 70% of the communes, judge on the rest. ``shuffle_labels`` trains on labels shuffled
    among the training rows (a model that has learnt nothing: the harness must see it)."""
    from evaluation.risk.domain.features import feature_matrix
    from evaluation.risk.domain.model import train, training_set

    cadres = generate(seed, communes)
    held = set(np.random.default_rng(seed + 1000).permutation(communes)[:round(communes * HELD_OUT_SHARE)].tolist())
    training = [c.history for c in cadres if c.commune not in held]
    rows, labels, _, _ = training_set(training, set())
    if shuffle_labels:
        labels = np.random.default_rng(seed).permutation(labels).tolist()
    model = train(rows, labels, datetime(2026, 10, 1, tzinfo=timezone.utc))
    test = [c for c in cadres if c.commune in held]
    before = QUARTERS[-2]
    matrix = feature_matrix([c.history.up_to(before) for c in test], quarter_end(before))
    outcome = [int(c.history.periods[-1].level == "not_completed") for c in test]
    report = judge(model.probabilities(matrix), outcome, [c.truth[-1] for c in test], [c.commune for c in test],
                   [c.groups for c in test])
    return {"seed": seed, "training_rows": len(labels), **report}


def spread(reports: list[dict], key: str) -> tuple[float, float]:
    values = [r[key] for r in reports]
    return round(statistics.mean(values), 4), round(statistics.pstdev(values), 4)


def run(seeds: int) -> dict:
    reports = []
    for seed in range(1, seeds + 1):
        reports.append(run_seed(seed))
        r = reports[-1]
        print(f"  seed {seed}: AUC {r['roc_auc']:.3f} (Bayes {r['bayes_auc']:.3f}), precision@10/commune "
              f"{r['precision_at_capacity']:.3f} (Bayes {r['bayes_precision_at_capacity']:.3f}), Brier {r['brier']:.4f} "
              f"(Bayes {r['bayes_brier']:.4f}), largest gap {r['largest_gap']}", flush=True)
    figures = []
    for key, name, better_high in (("roc_auc", "held-out ROC-AUC", True), ("bayes_auc", "Bayes-optimal ROC-AUC (true q)", True),
                                   ("pr_auc", "held-out PR-AUC", True),
                                   ("precision_at_capacity", "precision, 10 highest per commune", True),
                                   ("bayes_precision_at_capacity", "same with the true q (Bayes)", True),
                                   ("brier", "Brier score", False), ("bayes_brier", "Brier score of the true q", False)):
        mean, sd = spread(reports, key)
        figures.append(figure(f"{name} (mean of {seeds} seeds, sd {sd})", mean, None, "", lower_is_better=not better_high))
    largest = max((r["largest_gap"] for r in reports), key=lambda g: g["gap"])
    figures.append(figure(f"largest fairness gap ({largest['attribute']}, {largest['measure']})", largest["gap"],
                          None, ""))
    ratio = statistics.mean(r["roc_auc"] / r["bayes_auc"] for r in reports)
    figures.append(figure("model AUC / Bayes-optimal AUC", round(ratio, 3), 0.9, "", lower_is_better=False))
    return {"profile": PROFILE, "machine": machine(), "seeds": reports, "figures": figures}


def main(_args=None, _shared=None, seeds: int | None = None) -> dict:
    seeds = seeds or (3 if QUICK else 10)
    print(f"risk-quality: a synthetic province of {COMMUNES} communes × {PER_COMMUNE} cadres, {seeds} seeds…", flush=True)
    result = run(seeds)
    save(PROFILE, result)
    print("\n".join(figure_lines(result["figures"])))
    return result


if __name__ == "__main__":
    main(seeds=int(sys.argv[1]) if len(sys.argv) > 1 else None)
