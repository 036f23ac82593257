"""The quality harness can tell a model that learnt something from one that did not: trained on
the synthetic province's real outcomes the held-out AUC beats chance and comes near the Bayes-optimal
AUC of the generator; trained on shuffled outcomes it does not beat chance; and judged with its
probabilities turned upside down the harness calls it worse than chance."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import risk_quality  # noqa: E402

COMMUNES = 24  # small: a lean test


def test_a_model_on_real_outcomes_beats_chance_and_nears_the_bayes_auc():
    report = risk_quality.run_seed(3, communes=COMMUNES)
    assert report["beats_chance"] and not report["worse_than_chance"]
    assert report["roc_auc"] >= 0.9 * report["bayes_auc"]


def test_shuffled_labels_do_not_beat_chance_and_reversed_scores_are_worse_than_chance():
    shuffled = risk_quality.run_seed(3, shuffle_labels=True, communes=COMMUNES)
    assert not shuffled["beats_chance"] and shuffled["roc_auc"] < shuffled["bayes_auc"] - 0.2
    cadres = risk_quality.generate(5, communes=COMMUNES)
    truth = np.array([c.truth[-1] for c in cadres])
    outcome = [int(c.history.periods[-1].level == "not_completed") for c in cadres]
    reversed_ = risk_quality.judge(1 - truth, outcome, truth, [c.commune for c in cadres], [c.groups for c in cadres])
    assert reversed_["worse_than_chance"] and not reversed_["beats_chance"]
