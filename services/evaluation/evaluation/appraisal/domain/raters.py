"""Who rates whom in the 360 round, and as which group (nhóm người đánh giá).

Everyone rates within their own unit: oneself (self), a leader rates the staff (leader), the
staff rate their leaders (subordinate), and cadres of the same kind rate each other (peer).
Leader or not comes from the position the cadre holds (is_leader).
"""
from __future__ import annotations

from dataclasses import dataclass

GROUP_NAMES_VI = {"self": "Tự đánh giá", "leader": "Lãnh đạo trực tiếp", "peer": "Đồng nghiệp",
                  "subordinate": "Cấp dưới", "citizens": "Người dân"}


@dataclass(frozen=True)
class Member:
    cadre_id: str
    unit_id: str
    is_leader: bool
    active: bool = True


def relation(rater: Member, ratee: Member) -> str | None:
    """The group ``rater`` answers in about ``ratee``; None when they may not rate them."""
    if rater.cadre_id == ratee.cadre_id:
        return "self"
    if rater.unit_id != ratee.unit_id:
        return None
    if rater.is_leader and not ratee.is_leader:
        return "leader"
    if ratee.is_leader and not rater.is_leader:
        return "subordinate"
    return "peer"


def rating_problem(group: str, rater: Member, ratee: Member) -> tuple[str, str] | None:
    """Why this rating cannot be taken, as (field, message), or None when it can."""
    if not ratee.active:
        return "ratee_id", "Cán bộ này đã thôi công tác / this cadre has left"
    expected = relation(rater, ratee)
    if expected is None:
        return "ratee_id", "Chỉ đánh giá cán bộ cùng đơn vị / only cadres of your own unit"
    if group == expected:
        return None
    if group == "self":
        return "group", "Tự đánh giá chỉ dành cho chính mình / self-assessment is only about oneself"
    return "group", (f"Với cán bộ này, bạn đánh giá với tư cách {GROUP_NAMES_VI[expected].lower()} "
                     f"({expected}) / you rate this cadre as {expected}")
