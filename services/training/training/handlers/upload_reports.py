"""The reports of earlier uploads: a training school reads its own, the province all of them."""
from __future__ import annotations

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError

from ..models import UploadBatch, UploadProblems


def _own_only(principal: Principal) -> dict:
    return {"uploaded_by": principal.user_id} if principal.role == "training_school" else {}


def recent_uploads(principal: Principal, limit: int) -> list[UploadBatch]:
    """Newest first, without their per-row problems (a summary list)."""
    return list(UploadBatch.objects(**_own_only(principal)).exclude("problems").order_by("-uploaded_at").limit(limit))


def upload_report(principal: Principal, batch_id: str) -> UploadBatch:
    batch = UploadBatch.objects(id=batch_id, **_own_only(principal)).first()
    if batch is None:
        raise ApiError(404, "Không tìm thấy lần tải lên / Upload not found")
    if batch.status in (None, "done") and not batch.problems:  # stored apart since issue 22; a batch stored before holds its own
        stored = UploadProblems._get_collection().find_one({"_id": batch.id}) or {}
        batch.problems = stored.get("problems") or []
    return batch
