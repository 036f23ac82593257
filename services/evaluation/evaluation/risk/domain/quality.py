"""How good a risk model's probabilities are, on rows it never saw (out-of-fold or held out):
ROC-AUC (ranking), PR-AUC (ranking when positives are rare), Brier score (calibration and sharpness
together), precision among the cadres HR can look at (the top ``capacity`` share), and the
calibration curve (predicted probability against the observed share, in equal-width bins)."""
from __future__ import annotations

import numpy as np
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

CALIBRATION_BINS = 5
CAPACITY_SHARE = 0.10  # HR looks closely at about one cadre in ten


def precision_at(labels: np.ndarray, probabilities: np.ndarray, k: int) -> float | None:
    """The share of true positives among the ``k`` highest probabilities."""
    if k <= 0 or not len(labels):
        return None
    top = np.argsort(-probabilities, kind="stable")[:k]
    return float(labels[top].mean())


def calibration(labels: np.ndarray, probabilities: np.ndarray, bins: int = CALIBRATION_BINS) -> list[dict]:
    """Per non-empty bin of predicted probability: mean predicted, observed share, count."""
    edges = np.linspace(0, 1, bins + 1)
    which = np.clip(np.digitize(probabilities, edges[1:-1]), 0, bins - 1)
    out = []
    for b in range(bins):
        members = which == b
        if members.any():
            out.append({"predicted": round(float(probabilities[members].mean()), 4),
                        "observed": round(float(labels[members].mean()), 4), "count": int(members.sum())})
    return out


def held_out_metrics(labels, probabilities, capacity_share: float = CAPACITY_SHARE) -> dict:
    y, p = np.asarray(labels, dtype=int), np.asarray(probabilities, dtype=float)
    both = 0 < y.sum() < len(y)
    k = max(1, round(len(y) * capacity_share))
    return {"rows": int(len(y)), "positives": int(y.sum()), "base_rate": round(float(y.mean()), 4),
            "brier": round(float(brier_score_loss(y, p)), 4),
            "roc_auc": round(float(roc_auc_score(y, p)), 4) if both else None,
            "pr_auc": round(float(average_precision_score(y, p)), 4) if both else None,
            "capacity": k, "precision_at_capacity": round(precision_at(y, p, k), 4),
            "calibration": calibration(y, p)}
