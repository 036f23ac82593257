"""Score preview (HR's what-if) and the excellent-quota check: parse, call the handler, dump."""
from __future__ import annotations

from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ...common.roles import HR_READERS, READERS
from ..handlers import score_preview
from ..schemas.score_preview import QuotaCheckIn, QuotaGroupOut, ScoreOut, ScorePreviewIn

blp = Blueprint("scoring", __name__, url_prefix="/api/v1",
                description="Chấm điểm, xếp loại theo Nghị định 335/2025 / Scoring and classification")


@blp.post("/scoring/preview")
@requires(*READERS)
@blp.arguments(ScorePreviewIn)
@blp.response(200, ScoreOut)
def preview(data):
    """Điểm và xếp loại từ dữ liệu giả định / score and level from given inputs (classification
    uses the unrounded total; figures are shown rounded to 2 decimals)."""
    return score_preview.preview(data)


@blp.post("/classification/quota-check")
@requires(*HR_READERS)
@blp.arguments(QuotaCheckIn)
@blp.response(200, QuotaGroupOut(many=True))
def quota_check(data):
    """Giới hạn tỷ lệ xuất sắc (mặc định 20% số hoàn thành tốt) theo đơn vị và nhóm nhiệm vụ tương đồng."""
    return score_preview.quota_check(current_principal(), data)
