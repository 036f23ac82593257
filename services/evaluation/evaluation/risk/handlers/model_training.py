"""Training the early-warning model on the stored history, on demand, and reading the current
version (kept in memory per process until a newer version is stored)."""
from __future__ import annotations

from mongoengine.errors import NotUniqueError

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError

from ...common.ids import utcnow
from ..domain.model import MIN_EACH_CLASS, MIN_ROWS, NotEnoughHistory, RiskModel, loads, train, training_set
from ..models import FlagFeedback, RiskModelVersion
from .history import cadres_in, histories

# keyed by the stored document id (unique across databases), not the version number
_cache: dict[str, object] = {"id": None, "model": None}


def not_enough(exc: NotEnoughHistory) -> ApiError:
    return ApiError(409, f"Lịch sử đánh giá chưa đủ để huấn luyện mô hình: cần ít nhất {MIN_ROWS} lượt chuyển kỳ "
                         f"và {MIN_EACH_CLASS} trường hợp mỗi loại (hiện có {exc.rows} lượt, {exc.positives} "
                         f"trường hợp kỳ sau không hoàn thành nhiệm vụ, {exc.negatives} trường hợp hoàn thành). "
                         f"Các quy tắc cảnh báo vẫn hoạt động. / Not enough history to train a model "
                         f"(need {MIN_ROWS} period transitions and {MIN_EACH_CLASS} of each outcome); "
                         f"rule-based flags still work.", code="not_enough_history")


def not_useful_keys() -> set[tuple[str, str]]:
    return {(f.cadre_id, f.period) for f in FlagFeedback.objects(useful=False).only("cadre_id", "period")
            if f.period}


def model_view(doc: RiskModelVersion) -> dict:
    return {"version": doc.version, "metrics": doc.metrics, "features": list(doc.features),
            "feedback_used": doc.feedback_used, "trained_at": doc.trained_at, "trained_by": doc.trained_by}


def train_model(principal: Principal) -> dict:
    """Labels: the cadre's next period classified not_completed. 409 when history is too small."""
    rows, labels, used = training_set(list(histories(cadres_in(None, active_only=False)).values()),
                                      not_useful_keys())
    try:
        model = train(rows, labels, utcnow())
    except NotEnoughHistory as exc:
        raise not_enough(exc) from None
    latest = RiskModelVersion.objects.order_by("-version").only("version").first()
    doc = RiskModelVersion(version=(latest.version if latest else 0) + 1, model=model.dumps(),
                           features=list(model.features), metrics=model.metrics, feedback_used=used,
                           trained_at=model.trained_at, trained_by=principal.username)
    try:
        doc.save(force_insert=True)
    except NotUniqueError:
        raise ApiError(409, "Một lượt huấn luyện khác vừa lưu mô hình, vui lòng thử lại / "
                            "another training run just stored a model, retry", code="conflict") from None
    _cache.update(id=doc.id, model=model)
    return {"trained": True, **model_view(doc)}


def current_model() -> tuple[int | None, RiskModel | None]:
    latest = RiskModelVersion.objects.order_by("-version").only("id", "version").first()
    if latest is None:
        return None, None
    if _cache["id"] != latest.id:
        doc = RiskModelVersion.objects(id=latest.id).first()
        _cache.update(id=doc.id, model=loads(doc.model))
    return latest.version, _cache["model"]


def latest_model() -> dict:
    """The current model; before any training, ``trained`` is false (flags then come from the rules)."""
    latest = RiskModelVersion.objects.order_by("-version").exclude("model").first()
    if latest is None:
        return {"trained": False, "version": None,
                "message": "Chưa có mô hình nào được huấn luyện; cảnh báo dựa trên quy tắc / "
                           "no model trained yet; flags come from the rules"}
    return {"trained": True, **model_view(latest)}
