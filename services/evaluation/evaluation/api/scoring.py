"""Score preview (HR's what-if) and the excellent-quota check: parse, call the domain, dump."""
from __future__ import annotations

from fractions import Fraction

from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, ensure_unit, requires

from ..domain.quota import DEFAULT_RATIO, Proposal, quota_violations
from ..domain.scoring import LEVEL_NAMES_VI, LeaderCriteria, Overrides, TaskOutcome, score_period, shown
from ..schemas.scoring import QuotaCheckIn, QuotaGroupOut, ScoreOut, ScorePreviewIn

blp = Blueprint("scoring", __name__, url_prefix="/api/v1",
                description="Chấm điểm, xếp loại theo Nghị định 335/2025 / Scoring and classification")
STAFF = ("province_admin", "unit_hr", "auditor", "cadre")


@blp.post("/scoring/preview")
@requires(*STAFF)
@blp.arguments(ScorePreviewIn)
@blp.response(200, ScoreOut)
def preview(data):
    """Điểm và xếp loại từ dữ liệu giả định / score and level from given inputs (classification
    uses the unrounded total; figures are shown rounded to 2 decimals)."""
    score = score_period([TaskOutcome(**t) for t in data["tasks"]], data["general_points"],
                         is_leader=data["is_leader"],
                         leader=LeaderCriteria(**data["leader"]) if data["leader"] else None,
                         overrides=Overrides(**data["overrides"]))
    out = {"a": shown(score.a), "b": shown(score.b), "c": shown(score.c),
           "task_points": shown(score.task_points), "general_points": shown(score.general_points),
           "total": shown(score.total), "level": score.level, "level_name": LEVEL_NAMES_VI[score.level],
           "override": score.override}
    if score.leader:
        out.update({k: shown(v) for k, v in score.leader.items()})
    return out


@blp.post("/classification/quota-check")
@requires("province_admin", "unit_hr", "auditor")
@blp.arguments(QuotaCheckIn)
@blp.response(200, QuotaGroupOut(many=True))
def quota_check(data):
    """Giới hạn tỷ lệ xuất sắc (mặc định 20% số hoàn thành tốt) theo đơn vị và nhóm nhiệm vụ tương đồng."""
    principal = current_principal()
    for p in data["proposals"]:
        ensure_unit(principal, p["unit_id"])
    ratio = Fraction(str(data["ratio"])) if data["ratio"] is not None else DEFAULT_RATIO
    checks = quota_violations([Proposal(**p) for p in data["proposals"]], ratio)
    out = []
    for c in checks:
        review_slots = c.allowed_excellent - len(c.keep_excellent) if c.to_review else 0
        if not c.violation:
            message = "Trong giới hạn / within the limit"
        elif c.to_review:
            message = (f"Vượt giới hạn: tối đa {c.allowed_excellent} xuất sắc; {len(c.to_review)} người bằng điểm "
                       f"tranh {review_slots} suất, cần người có thẩm quyền quyết định / over the limit, a tie at "
                       f"the cut needs a decision")
        else:
            message = (f"Vượt giới hạn: tối đa {c.allowed_excellent} xuất sắc / over the limit: at most "
                       f"{c.allowed_excellent} excellent")
        out.append({**c.__dict__, "review_slots": review_slots, "message": message})
    return out
