"""Who rates whom in the 360 round, and as which group (nhóm người đánh giá), from the organisation.

- self: every serving cadre about themselves;
- leader: a cadre's direct leader about them (``registry.direct_leaders``: the head of their
  department, for heads the unit's chief or the leader HR named);
- subordinate: a cadre about their direct leader;
- peer: cadres of the same department (phòng, ban, trung tâm) and the same kind (leaders with
  leaders, staff with staff), about each other.

HR may adjust a period's assignment, pair by pair: add a pair with its group, or remove one.
An adjustment applies from when it is made: ratings given before it stay as they were given.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Mapping

GROUP_NAMES_VI = {"self": "Tự đánh giá", "leader": "Lãnh đạo trực tiếp", "peer": "Đồng nghiệp",
                  "subordinate": "Cấp dưới", "citizens": "Người dân"}
ADJUSTABLE_GROUPS = ("leader", "peer", "subordinate")
Pair = tuple[str, str]  # (rater, ratee)


@dataclass(frozen=True)
class Member:
    cadre_id: str
    department_code: str | None
    is_leader: bool
    active: bool = True


@dataclass(frozen=True)
class Adjustment:
    """HR's change to one pair: ``add`` with its group, or ``remove``."""
    action: str
    rater_id: str
    ratee_id: str
    group: str | None = None


def derived_pairs(members: Iterable[Member], leaders: Mapping[str, tuple[str, ...]]) -> dict[Pair, str]:
    """The assignment the organisation gives: (rater, ratee) → group, serving cadres only. Where two
    colleagues are both peers and leader and led (a head and the deputy of one department), the
    line of management decides."""
    serving = {m.cadre_id: m for m in members if m.active}
    pairs: dict[Pair, str] = {}
    by_kind: dict[tuple, list[str]] = defaultdict(list)
    for m in serving.values():
        pairs[(m.cadre_id, m.cadre_id)] = "self"
        by_kind[(m.department_code, m.is_leader)].append(m.cadre_id)
    for colleagues in by_kind.values():
        for rater in colleagues:
            for ratee in colleagues:
                if rater != ratee:
                    pairs[(rater, ratee)] = "peer"
    for ratee, their_leaders in leaders.items():
        for leader in their_leaders:
            if ratee in serving and leader in serving and leader != ratee:
                pairs[(leader, ratee)] = "leader"
                pairs[(ratee, leader)] = "subordinate"
    return pairs


def assigned_pairs(derived: Mapping[Pair, str], adjustments: Iterable[Adjustment]) -> dict[Pair, str]:
    """The assignment in force: the organisation's, with HR's adjustments applied in the order made."""
    pairs = dict(derived)
    for adjustment in adjustments:
        key = (adjustment.rater_id, adjustment.ratee_id)
        if adjustment.action == "add":
            pairs[key] = adjustment.group
        else:
            pairs.pop(key, None)
    return pairs


def adjustment_problem(adjustment: Adjustment, members: Mapping[str, Member]) -> tuple[str, str] | None:
    """Why HR cannot make this adjustment, as (field, message), or None."""
    for field in ("rater_id", "ratee_id"):
        member = members.get(getattr(adjustment, field))
        if member is None or not member.active:
            return field, "Không phải cán bộ đang công tác của đơn vị / not a serving cadre of the unit"
    if adjustment.rater_id == adjustment.ratee_id:
        return "ratee_id", "Tự đánh giá luôn được giao / self-assessment is always assigned"
    if adjustment.action == "add" and adjustment.group not in ADJUSTABLE_GROUPS:
        return "group", "Chọn leader, peer hoặc subordinate / choose leader, peer or subordinate"
    return None


def rating_problem(group: str, rater: Member, ratee: Member, pairs: Mapping[Pair, str]) -> tuple[str, str] | None:
    """Why this rating cannot be taken, as (field, message), or None when it can."""
    if not ratee.active:
        return "ratee_id", "Cán bộ này đã thôi công tác / this cadre has left"
    expected = pairs.get((rater.cadre_id, ratee.cadre_id))
    if expected == group:
        return None
    if expected is None:
        if group == "peer" and ratee.department_code != rater.department_code:
            return "group", ("Đồng nghiệp là cán bộ cùng phòng, ban và cùng loại (lãnh đạo hoặc không); người này "
                             "thuộc phòng, ban khác / peers share your department and kind; this cadre is in another "
                             "department")
        return "ratee_id", ("Bạn không được giao đánh giá cán bộ này trong kỳ / you are not asked to rate this cadre "
                            "this period")
    if group == "self":
        return "group", "Tự đánh giá chỉ dành cho chính mình / self-assessment is only about oneself"
    return "group", (f"Với cán bộ này, bạn đánh giá với tư cách {GROUP_NAMES_VI[expected].lower()} "
                     f"({expected}) / you rate this cadre as {expected}")


def expected_by_rater(pairs: Mapping[Pair, str]) -> dict[str, Counter]:
    """How many people each rater is asked to rate, per group."""
    expected: dict[str, Counter] = defaultdict(Counter)
    for (rater, _ratee), group in pairs.items():
        expected[rater][group] += 1
    return dict(expected)
