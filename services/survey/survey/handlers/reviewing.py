"""A person clears (counts) or rejects a response held as suspect; the decision is final,
recorded with who took it, and published as ``response.reviewed`` in the same write."""
from __future__ import annotations

from datetime import datetime, timezone

from cadre_shared.auth import Principal, ensure_unit
from cadre_shared.envelope import make_event
from cadre_shared.errors import ApiError
from cadre_shared.outbox import update_with_event

from ..models import SuspectCase
from . import figures

DECISIONS = {"clear": "cleared", "reject": "rejected"}


def review(principal: Principal, response_id: str, decision: str, note: str | None) -> SuspectCase:
    case = SuspectCase.objects(id=response_id).first()
    if case is None:
        raise ApiError(404, "Không có lượt đánh giá nghi vấn này / No such suspect response")
    ensure_unit(principal, case.unit_id)
    if case.status != "pending":
        raise ApiError(409, "Lượt đánh giá này đã được xử lý / Already decided", code="already_decided")
    status, decided_by = DECISIONS[decision], principal.username or principal.user_id
    changed = update_with_event(SuspectCase, {"_id": case.id, "status": "pending"}, {"$set": {
        "status": status, "decided_by": decided_by, "decided_at": datetime.now(timezone.utc), "note": note}},
        reviewed_event(case, status, decided_by))
    if not changed:
        raise ApiError(409, "Lượt đánh giá này đã được xử lý / Already decided", code="already_decided")
    figures.moved()  # a cleared answer counts from the next read of the figures on
    return SuspectCase.objects(id=case.id).first()


def reviewed_event(case: SuspectCase, status: str, decided_by: str) -> dict:
    """The ``response.reviewed`` event of a decision (also published again after a restore)."""
    return make_event("response.reviewed", 1, case.cadre_id, {
        "response_id": case.id, "cadre_id": case.cadre_id, "counted": status == "cleared",
        "decided_by": decided_by}, "survey")
