"""The early-warning model's lifecycle: a candidate version trained on the stored history on demand
(kept with its held-out metrics), compared with the active one, and made active explicitly; the
active version is the one assessments use (kept in memory per process until another is chosen)."""
from __future__ import annotations

import logging

from mongoengine.errors import NotUniqueError

from cadre_shared.auth import Principal
from cadre_shared.clock import today
from cadre_shared.errors import ApiError

from ...common.ids import utcnow
from ...registry import queries as registry
from ..domain.fairness import AUDITED
from ..domain.standard import STANDARD_DEADLINE_MONTHS
from ..domain.model import (MIN_EACH_CLASS, MIN_ROWS, ModelIntegrityError, NotEnoughHistory, RiskModel, digest, loads,
                            train, training_set)
from ..models import ActiveRiskModel, FlagFeedback, RiskModelVersion
from .protected import audit_attributes
from .history import cadres_in, histories

log = logging.getLogger(__name__)

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


TARGET = {"next_period_not_completed": True, "standard_deadline_months": STANDARD_DEADLINE_MONTHS}


def model_view(doc: RiskModelVersion, active_version: int | None = None) -> dict:
    return {"version": doc.version, "target": TARGET, "integrity_error": integrity_problem(doc), "metrics": doc.metrics, "features": list(doc.features),
            "feedback_used": doc.feedback_used, "trained_at": doc.trained_at, "trained_by": doc.trained_by,
            "active": doc.version == active_version}


def active() -> dict | None:
    """The active version's pointer (``model_id``, ``version``), read by ``_id``."""
    return ActiveRiskModel._get_collection().find_one({"_id": "active"})


def activate(doc: RiskModelVersion, username: str) -> None:
    ActiveRiskModel._get_collection().replace_one(
        {"_id": "active"}, {"model_id": doc.id, "version": doc.version, "chosen_by": username, "chosen_at": utcnow()},
        upsert=True)


def train_model(principal: Principal) -> dict:
    """A candidate version from the stored history (labels: the cadre's next period classified
    not_completed), with its held-out metrics beside the active version's; it scores cadres once
    province HR activates it (the first version: at once). 409 when history is too small."""
    # in the order of their codes: the roster's rows come in the order its writes happened, and
    # the calibration's folds follow the rows' order, so the same history gave other probabilities
    cadres = sorted(cadres_in(None, active_only=False), key=lambda c: (c.code, c.id))
    rows, labels, used, owners = training_set(list(histories(cadres).values()), not_useful_keys())
    by_id, areas, year = {c.id: c for c in cadres}, registry.unit_areas(), today().year
    attributes = [audit_attributes(by_id[o], areas, year) for o in owners]
    groups = {name: [a[name] for a in attributes] for name in AUDITED}
    try:
        model = train(rows, labels, utcnow(), groups)
    except NotEnoughHistory as exc:
        raise not_enough(exc) from None
    latest = RiskModelVersion.objects.order_by("-version").only("version").first()
    data = model.dumps()
    doc = RiskModelVersion(version=(latest.version if latest else 0) + 1, model=data, sha256=digest(data),
                           features=list(model.features), metrics=model.metrics, feedback_used=used,
                           trained_at=model.trained_at, trained_by=principal.username)
    try:
        doc.save(force_insert=True)
    except NotUniqueError:
        raise ApiError(409, "Một lượt huấn luyện khác vừa lưu mô hình, vui lòng thử lại / "
                            "another training run just stored a model, retry", code="conflict") from None
    current = active()
    if current is None:
        activate(doc, principal.username)
        current = {"version": doc.version}
    compared = RiskModelVersion.objects(id=current.get("model_id")).first() \
        if current["version"] != doc.version else None
    return {"trained": True, **model_view(doc, current["version"]),
            "compared_with": model_view(compared, current["version"]) if compared else None}


def integrity_problem(doc: RiskModelVersion) -> str | None:
    """Why a stored version's bytes may not be loaded (None: they are as trained)."""
    if doc.sha256 is not None and digest(doc.model) == doc.sha256:
        return None
    return (f"Tệp mô hình phiên bản {doc.version} không khớp mã băm SHA-256 ghi lúc huấn luyện (bị sửa hoặc hỏng); "
            f"không nạp, cảnh báo chỉ dựa trên quy tắc — hãy huấn luyện lại / the stored model of version "
            f"{doc.version} does not match the SHA-256 recorded when it was trained (tampered or corrupt); it is "
            f"not loaded and flags come from the rules only — retrain")


def current_model() -> tuple[int | None, RiskModel | None]:
    """The active version and its model (loaded once per process and version, only after its bytes'
    hash matched the recorded one). A version that fails the check scores nothing: the rules alone
    flag cadres, the refusal is logged, and ``GET /risk/model`` says why."""
    pointer = active()
    if pointer is None:
        return None, None
    if _cache["id"] != pointer["model_id"]:
        doc = RiskModelVersion.objects(id=pointer["model_id"]).first()
        try:
            model = loads(doc.model, doc.sha256)
        except ModelIntegrityError as exc:
            log.error("risk model version %s refused: %s", doc.version, exc)
            return None, None
        _cache.update(id=doc.id, model=model)
    return pointer["version"], _cache["model"]


def latest_model() -> dict:
    """The active model; before any training, ``trained`` is false (flags then come from the rules)."""
    pointer = active()
    if pointer is None:
        return {"trained": False, "version": None, "target": TARGET,
                "message": "Chưa có mô hình nào được huấn luyện; cảnh báo dựa trên quy tắc / "
                           "no model trained yet; flags come from the rules"}
    doc = RiskModelVersion.objects(id=pointer["model_id"]).first()
    return {"trained": True, **model_view(doc, pointer["version"])}


def versions() -> list[dict]:
    """Every stored version, newest first, with its held-out metrics and whether its bytes are as
    trained (the collection is a few documents of a few kilobytes each)."""
    pointer = active() or {}
    return [model_view(doc, pointer.get("version")) for doc in RiskModelVersion.objects.order_by("-version")]


def choose(principal: Principal, version: int) -> dict:
    """Make a stored version the one that scores cadres (the next assessment uses it)."""
    doc = RiskModelVersion.objects(version=version).first()
    if doc is None:
        raise ApiError(404, "Không có phiên bản mô hình này / no such model version")
    problem = integrity_problem(doc)
    if problem:
        raise ApiError(409, problem, code="model_integrity")
    activate(doc, principal.username)
    return {"trained": True, **model_view(doc, doc.version)}
