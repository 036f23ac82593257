"""The early-warning model (PRODUCT §3.5): a scikit-learn pipeline (median imputer, scaler,
logistic regression) wrapped in ``CalibratedClassifierCV`` so its output reads as a probability
of the target (PRODUCT §3.5): the cadre's next period is classified Không hoàn thành nhiệm vụ, or a
standard of their position stays unmet past its deadline (``rules.standard_missed_between``).

Per cadre, the three factors that weigh most are the largest contributions
coefficient × standardised value of a linear model fitted on the same data, in plain Vietnamese.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter

import joblib
import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from cadre_shared.periods import parse_period_code

from .fairness import outcome_rates
from .features import FEATURES, feature_matrix, risk_features
from .rules import rule_triggers, standard_missed_between
from .quality import held_out_metrics

# Traffic light (đèn cảnh báo) from the probability, most severe first: data, not code.
LIGHTS = ({"light": "red", "min_probability": 0.5}, {"light": "amber", "min_probability": 0.25},
          {"light": "green", "min_probability": 0.0})
LIGHT_RANK = {"green": 0, "amber": 1, "red": 2}
FLAG_THRESHOLD = LIGHTS[1]["min_probability"]   # amber or worse: a flag
LIGHT_NAMES_VI = {"red": "Đỏ — nguy cơ cao", "amber": "Vàng — cần theo dõi", "green": "Xanh — ổn định"}

# Too little history gives a model that only repeats noise: below these, training is refused.
MIN_ROWS = 20
MIN_EACH_CLASS = 6
FOLDS = 3
TOP_FACTORS = 3

# Plain-Vietnamese name of each feature (English second) and how its value reads.
EXPLANATIONS = {
    "last_total": ("Điểm kỳ gần nhất", "last period score", "score"),
    "mean_total": ("Điểm bình quân các kỳ", "mean period score", "score"),
    "recent_total": ("Điểm gần đây (các kỳ gần nhất nặng hơn)", "recent score (latest periods weigh most)", "score"),
    "last_not_completed": ("Kỳ gần nhất không hoàn thành nhiệm vụ", "last period not completed", "flag"),
    "total_trend": ("Xu hướng điểm qua các kỳ (điểm mỗi kỳ)", "score trend per period", "trend"),
    "periods_below_50": ("Số kỳ dưới 50 điểm", "periods under 50", "count"),
    "last_a": ("Số lượng sản phẩm hoàn thành (a)", "task quantity (a)", "score"),
    "last_b": ("Chất lượng sản phẩm (b)", "task quality (b)", "score"),
    "last_c": ("Tiến độ sản phẩm (c)", "task progress (c)", "score"),
    "leader_d_50": ("Số kỳ có cán bộ thuộc quyền dưới 50 điểm (d = 50)", "periods with d = 50", "count"),
    "general_points": ("Điểm tiêu chí chung (360 độ)", "general criteria points", "score"),
    "general_spread": ("Độ chênh giữa các nhóm tiêu chí chung", "spread of general criteria", "score"),
    "satisfaction_rate": ("Tỷ lệ người dân hài lòng", "citizen satisfaction rate", "rate"),
    "satisfaction_overall": ("Tỷ lệ người dân hài lòng qua mọi kỳ", "satisfaction over every period", "rate"),
    "satisfaction_trend": ("Xu hướng mức độ hài lòng của người dân", "satisfaction trend", "rate_trend"),
    "dissatisfied_responses": ("Số phiếu người dân không hài lòng", "dissatisfied responses", "count"),
    "standard_gaps": ("Số nội dung tiêu chuẩn vị trí việc làm chưa đạt (đã quá hạn, hoặc năng lực)",
                      "unmet standard items (past the deadline, or competencies)", "count"),
    "course_gaps": ("Số nội dung bồi dưỡng bắt buộc quá hạn chưa hoàn thành", "required courses overdue", "count"),
    "months_in_position": ("Thời gian giữ vị trí hiện tại (tháng, tính đến 12)", "months in position (up to 12)",
                           "count"),
    "on_probation": ("Đang trong thời gian tập sự", "on probation", "flag"),
    "discipline_records": ("Số lần bị kỷ luật", "disciplinary records", "count"),
}


class ModelIntegrityError(ValueError):
    """Stored model bytes whose SHA-256 differs from the one recorded when it was trained (or that
    have none recorded): joblib would run whatever the bytes say, so they are never loaded."""

    def __init__(self, expected: str | None, found: str):
        self.expected, self.found = expected, found
        super().__init__(f"model bytes hash {found[:12]}…, recorded {expected[:12] + '…' if expected else 'none'}")


class NotEnoughHistory(ValueError):
    """The stored history cannot support a model yet (rules still work)."""

    def __init__(self, rows: int, positives: int, negatives: int):
        self.rows, self.positives, self.negatives = rows, positives, negatives
        super().__init__(f"{rows} rows, {positives} positive, {negatives} negative")


def traffic_light(probability: float | None) -> str:
    if probability is None:
        return "green"
    return next(t["light"] for t in LIGHTS if probability >= t["min_probability"])


def combined_light(probability: float | None, trigger_lights: list[str]) -> str:
    """The most severe of the model's light and the rule triggers' lights."""
    return max([traffic_light(probability), *trigger_lights], key=LIGHT_RANK.__getitem__)


def _matrix(rows: list[dict]) -> np.ndarray:
    return np.array([[np.nan if r.get(f) is None else float(r[f]) for f in FEATURES] for r in rows], dtype=float)


def _pipeline() -> Pipeline:
    return Pipeline([("impute", SimpleImputer(strategy="median", keep_empty_features=True)),
                     ("scale", StandardScaler()),
                     ("classify", LogisticRegression(C=1.0, max_iter=1000))])


def _calibrated() -> CalibratedClassifierCV:
    return CalibratedClassifierCV(_pipeline(), method="sigmoid", cv=FOLDS)


def format_value(feature: str, value: float | None) -> str:
    if value is None:
        return "chưa có dữ liệu"
    kind = EXPLANATIONS[feature][2]
    if kind == "flag":
        return "có" if value else "không"
    if kind == "rate":
        return f"{value * 100:.0f}%"
    if kind == "rate_trend":
        return f"{value * 100:+.0f} điểm % mỗi kỳ"
    if kind == "count":
        return f"{value:.0f}"
    if kind == "trend":
        return f"{value:+.2f}".replace(".", ",")
    return f"{value:.2f}".replace(".", ",")


@dataclass
class RiskModel:
    calibrated: CalibratedClassifierCV
    explainer: Pipeline
    features: tuple[str, ...]
    metrics: dict
    trained_at: datetime

    def probabilities(self, matrix: np.ndarray) -> np.ndarray:
        """The probability of each row of a feature matrix (one model call for the whole batch)."""
        return self.calibrated.predict_proba(matrix)[:, 1]

    def contribution_matrix(self, matrix: np.ndarray) -> np.ndarray:
        """coefficient × standardised value, per row and feature (log-odds pushed toward risk when > 0)."""
        return self.explainer[:-1].transform(matrix) * self.explainer[-1].coef_[0]

    def probability(self, features: dict) -> float:
        return float(self.probabilities(_matrix([features]))[0])

    def contributions(self, features: dict) -> dict[str, float]:
        return dict(zip(self.features, map(float, self.contribution_matrix(_matrix([features]))[0])))

    def top_factors(self, features: dict, count: int = TOP_FACTORS) -> list[dict]:
        contributions = self.contribution_matrix(_matrix([features]))
        return [explain(self.features[j], features.get(self.features[j]), float(contributions[0, j]))
                for j in top_indices(contributions, self.features, count)[0]]

    def dumps(self) -> bytes:
        buffer = io.BytesIO()
        joblib.dump(self, buffer)
        return buffer.getvalue()


def top_indices(contributions: np.ndarray, features: tuple[str, ...], count: int = TOP_FACTORS) -> np.ndarray:
    """Per row, the ``count`` features that push the most toward risk (ties: by name)."""
    by_name = np.broadcast_to(np.argsort(np.argsort(features)), contributions.shape)
    return np.lexsort((by_name, -contributions), axis=-1)[:, :count]


def explain(feature: str, value: float | None, contribution: float) -> dict:
    name_vi, name_en, _ = EXPLANATIONS[feature]
    direction = "làm tăng nguy cơ" if contribution > 0 else "làm giảm nguy cơ"
    shown = format_value(feature, value)
    return {"feature": feature, "value": value, "weight": round(contribution, 4),
            "text": f"{name_vi}: {shown} — {direction} / {name_en}: {shown}"}


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def loads(data: bytes, expected_sha256: str | None) -> RiskModel:
    """The model from its stored bytes, only once their hash matches the one recorded at training."""
    found = digest(data)
    if expected_sha256 is None or found != expected_sha256:
        raise ModelIntegrityError(expected_sha256, found)
    return joblib.load(io.BytesIO(data))


def check_history(labels: list[int]) -> None:
    positives = sum(labels)
    negatives = len(labels) - positives
    if len(labels) < MIN_ROWS or min(positives, negatives) < MIN_EACH_CLASS:
        raise NotEnoughHistory(len(labels), positives, negatives)


def train(rows: list[dict], labels: list[int], trained_at: datetime, groups: dict[str, list] | None = None) -> RiskModel:
    """Fit the calibrated model; metrics come from out-of-fold predictions (never the fitted rows).
    ``groups`` (protected attributes per row, for the audit only — never a column of the model):
    the held-out rates of each group at the amber threshold go into ``metrics["fairness"]``."""
    check_history(labels)
    x, y = _matrix(rows), np.array(labels, dtype=int)
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=0)
    held_out = cross_val_predict(_calibrated(), x, y, cv=folds, method="predict_proba")[:, 1]
    calibrated = _calibrated().fit(x, y)
    explainer = _pipeline().fit(x, y)
    metrics = held_out_metrics(y, held_out)
    if groups:
        metrics["fairness"] = outcome_rates(y, held_out >= FLAG_THRESHOLD, groups)
    return RiskModel(calibrated, explainer, FEATURES, metrics, trained_at)


def training_set(histories: list, not_useful: set[tuple[str, str]]) -> tuple[list[dict], list[int], int, list[str]]:
    """Rows (features as a period closed) and labels (the target: the next period classified
    not_completed, or the standard's deadline passing during it with items unmet).

    A flag marked "not useful" for (cadre, period) whose next period was indeed fine is a
    confirmed false alarm: its row counts twice, so the next model learns from it. Returns the
    rows, the labels, how many feedback items were used and the cadre of each row (for the audit)."""
    rows, labels, used, owners = [], [], 0, []
    for history in histories:
        for current, following in zip(history.periods, history.periods[1:]):
            ends = parse_period_code(current.code).ends_on
            features = risk_features(history.up_to(current.code), ends)
            label = int(following.level == "not_completed"
                        or standard_missed_between(history, ends, parse_period_code(following.code).ends_on))
            copies = 1
            if label == 0 and (history.cadre_id, current.code) in not_useful:
                copies, used = 2, used + 1
            rows.extend([features] * copies)
            labels.extend([label] * copies)
            owners.extend([history.cadre_id] * copies)
    return rows, labels, used, owners


@dataclass(frozen=True)
class Assessment:
    """Where a cadre stands today: light, probability (None without a model), factors, triggers."""
    period: str | None
    light: str
    probability: float | None
    factors: list[dict]
    triggers: list[dict]

    @property
    def flagged(self) -> bool:
        return self.light != "green"


@dataclass(frozen=True)
class BatchScores:
    """The model's part of many assessments at once: each row's features, probability (NaN
    without a model or a closed period) and most weighty factors (indices into ``FEATURES``)."""
    matrix: np.ndarray
    probabilities: np.ndarray
    contributions: np.ndarray | None
    top: np.ndarray | None


def score_batch(histories: list, as_of, model: RiskModel | None) -> BatchScores:
    """Features and model for every cadre in one pass each (a province: ~200,000 in a second or two)."""
    matrix = feature_matrix(histories, as_of)
    probabilities = np.full(len(histories), np.nan)
    if model is None or not len(histories):
        return BatchScores(matrix, probabilities, None, None)
    scored = np.fromiter(map(bool, map(attrgetter("periods"), histories)), bool, len(histories))
    if scored.any():
        probabilities[scored] = model.probabilities(matrix[scored])
    contributions = model.contribution_matrix(matrix)
    return BatchScores(matrix, probabilities, contributions, top_indices(contributions, model.features))


def assessment_of(history, as_of, scores: BatchScores, index: int) -> Assessment:
    """The assessment of row ``index`` of a batch: rules always, the model's probability and
    factors when it scored the row. A rule trigger raises a flag on its own."""
    triggers = rule_triggers(history, as_of)
    probability, factors = None, []
    if not np.isnan(scores.probabilities[index]):
        probability = round(float(scores.probabilities[index]), 4)
        row = scores.matrix[index]
        factors = [explain(FEATURES[j], None if np.isnan(row[j]) else float(row[j]),
                           float(scores.contributions[index, j])) for j in scores.top[index]]
    return Assessment(period=history.periods[-1].code if history.periods else None,
                      light=combined_light(probability, [t.light for t in triggers]),
                      probability=probability, factors=factors, triggers=[t.view() for t in triggers])


def assess_cadre(history, as_of, model: RiskModel | None) -> Assessment:
    """One cadre, by the same path as a batch."""
    return assessment_of(history, as_of, score_batch([history], as_of, model), 0)
