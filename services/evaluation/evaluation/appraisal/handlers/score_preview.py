"""HR's what-if: a score and level from given inputs, and the excellent-quota check of proposed
levels (nothing is read or stored; the rules are ``domain.scoring`` and ``domain.quota``)."""
from __future__ import annotations

from fractions import Fraction

from cadre_shared.auth import Principal, ensure_unit

from ..domain.quota import Proposal, QuotaCheck, quota_violations
from ..domain.scoring import LEVEL_NAMES_VI, LeaderCriteria, Overrides, TaskOutcome, score_period, shown
from .settings import excellent_ratio


def preview(data: dict) -> dict:
    """Classification uses the unrounded total; figures are shown rounded to 2 decimals."""
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


def _verdict(check: QuotaCheck) -> dict:
    review_slots = check.allowed_excellent - len(check.keep_excellent) if check.to_review else 0
    if not check.violation:
        message = "Trong giới hạn / within the limit"
    elif check.to_review:
        message = (f"Vượt giới hạn: tối đa {check.allowed_excellent} xuất sắc; {len(check.to_review)} người bằng điểm "
                   f"tranh {review_slots} suất, cần người có thẩm quyền quyết định / over the limit, a tie at "
                   f"the cut needs a decision")
    else:
        message = (f"Vượt giới hạn: tối đa {check.allowed_excellent} xuất sắc / over the limit: at most "
                   f"{check.allowed_excellent} excellent")
    return {**check.__dict__, "review_slots": review_slots, "message": message}


def quota_check(principal: Principal, data: dict) -> list[dict]:
    """The limit per (unit, similar-task group); the ratio asked for, else the province's setting."""
    for p in data["proposals"]:
        ensure_unit(principal, p["unit_id"])
    ratio = Fraction(str(data["ratio"])) if data["ratio"] is not None else excellent_ratio()
    return [_verdict(check) for check in quota_violations([Proposal(**p) for p in data["proposals"]], ratio)]
