"""Who heads what in a commune or ward, and so who is whose direct leader (lãnh đạo trực tiếp).

A position says what its holder heads (``leadership``, set by provincial HR on the position):
the unit (Chủ tịch UBND: ``unit_chief``, Phó Chủ tịch: ``unit_deputy``) or a department
(phòng, ban, trung tâm: Trưởng phòng ``department_head``, Phó Trưởng phòng
``department_deputy``); most positions head nothing (``none``).

A cadre's direct leader is the head of their department; a department's head and deputy
heads answer to the unit's chief (a deputy head first to their own head); the unit's deputies
to the chief. HR may name someone's direct leader instead (``reports_to``, e.g. the Phó Chủ
tịch in charge of a department for its head). A unit where nobody is marked as heading
anything keeps the plain rule: its leaders lead every cadre who is not a leader.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

LEADERSHIP = ("none", "department_head", "department_deputy", "unit_chief", "unit_deputy")
LEADERSHIP_NAMES_VI = {"none": "Không", "department_head": "Trưởng phòng, ban, trung tâm",
                       "department_deputy": "Phó Trưởng phòng, ban, trung tâm", "unit_chief": "Chủ tịch UBND",
                       "unit_deputy": "Phó Chủ tịch UBND"}


@dataclass(frozen=True)
class OrgMember:
    """A serving cadre of one unit as the organisation sees them."""
    cadre_id: str
    department_code: str | None
    leadership: str = "none"
    is_leader: bool = False
    reports_to: str | None = None  # the direct leader HR named, if any


def _structured(members: Iterable[OrgMember]) -> bool:
    return any(m.leadership != "none" for m in members)


def _derived(member: OrgMember, heads: dict, chiefs: list[str]) -> list[str]:
    if member.leadership == "unit_chief":
        return []
    if member.leadership == "department_deputy":
        return heads.get(member.department_code) or chiefs
    if member.leadership in ("department_head", "unit_deputy") or member.is_leader:
        return chiefs
    return heads.get(member.department_code) or chiefs


def direct_leaders(members: Iterable[OrgMember]) -> dict[str, tuple[str, ...]]:
    """Each member's direct leaders (usually one; none for the unit's chief). A ``reports_to``
    naming someone outside ``members`` (moved, left) is ignored."""
    members = list(members)
    ids = {m.cadre_id for m in members}
    if not _structured(members):
        leaders = sorted(m.cadre_id for m in members if m.is_leader)
        return {m.cadre_id: (() if m.is_leader else tuple(leaders)) if m.reports_to not in ids
                else (m.reports_to,) for m in members}
    heads: dict[str | None, list[str]] = defaultdict(list)
    chiefs: list[str] = []
    for m in sorted(members, key=lambda m: m.cadre_id):
        if m.leadership == "department_head" and m.department_code:
            heads[m.department_code].append(m.cadre_id)
        elif m.leadership == "unit_chief":
            chiefs.append(m.cadre_id)
    found = {}
    for m in members:
        if m.reports_to in ids and m.reports_to != m.cadre_id:
            found[m.cadre_id] = (m.reports_to,)
        else:
            found[m.cadre_id] = tuple(c for c in _derived(m, heads, chiefs) if c != m.cadre_id)
    return found


def managed_by(leaders: dict[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    """Whom each leader directly manages (the inverse of ``direct_leaders``)."""
    managed: dict[str, set[str]] = defaultdict(set)
    for cadre_id, their_leaders in leaders.items():
        for leader in their_leaders:
            managed[leader].add(cadre_id)
    return {leader: frozenset(ids) for leader, ids in managed.items()}
