"""Adding a candidate to a title (limits, eligibility, override), removing one with a reason, and
planning their development (rotation, courses, the date to meet the title's standard)."""
from __future__ import annotations

from cadre_shared.auth import Principal
from cadre_shared.clock import today
from cadre_shared.errors import ApiError

from ...common.ids import utcnow
from ...registry import queries as registry
from ..domain.limits import cadre_full, title_full
from ..models import SuccessionPlan, UnitPlan
from . import entries as store
from .facts import Proposal, assess
from .plans import find_plan, term_of
from .settings import current_rules

NOT_KEY = "Vị trí này không phải chức danh chủ chốt (khai báo ở danh mục vị trí) / not a key title"
NOT_COMMUNE = "Quy hoạch chức danh chủ chốt của xã, phường / key titles belong to communes and wards"
UNKNOWN_CADRE = "Không có cán bộ này / unknown cadre"
ALREADY = "Cán bộ đã có trong quy hoạch chức danh này / already planned for this title"
NOT_ELIGIBLE = "Cán bộ chưa đủ điều kiện quy hoạch; nêu lý do nếu vẫn đưa vào / not eligible; give a reason to override"
BUSY = "Quy hoạch của đơn vị vừa thay đổi, vui lòng thử lại / The unit's plan changed meanwhile, retry"
NO_ENTRY = "Không có người này trong quy hoạch / No such entry"


def _title(data: dict) -> tuple[registry.UnitRef, registry.TitleFacts]:
    unit = registry.unit_ref(data["unit_id"])
    if unit is None:
        raise ApiError(422, fields={"unit_id": ["Đơn vị không tồn tại / unknown unit"]})
    if unit.kind not in ("commune", "ward"):
        raise ApiError(422, fields={"unit_id": [NOT_COMMUNE]})
    position = registry.title_position(data["position_id"])
    if position is None:
        raise ApiError(422, fields={"position_id": ["Vị trí không tồn tại / unknown position"]})
    if not position.key_title:
        raise ApiError(422, fields={"position_id": [NOT_KEY]})
    return unit, position


def _development(data: dict) -> dict:
    rotation = data.get("rotation")
    if rotation and registry.unit_ref(rotation["unit_id"]) is None:
        raise ApiError(422, fields={"rotation.unit_id": ["Đơn vị không tồn tại / unknown unit"]})
    return {"courses": list(dict.fromkeys(data.get("courses") or [])),
            "standard_met_by": store.iso(data.get("standard_met_by")),
            "rotation": {**rotation, "from_on": store.iso(rotation.get("from_on")),
                         "until_on": store.iso(rotation.get("until_on"))} if rotation else None}


def add_candidate(principal: Principal, plan_id: str, data: dict) -> dict:
    plan, rules = find_plan(plan_id), current_rules()
    unit, position = _title(data)
    if registry.planning_facts(data["cadre_id"]) is None:
        raise ApiError(422, fields={"cadre_id": [UNKNOWN_CADRE]})
    development = _development(data)
    proposal = Proposal(data["cadre_id"], position.id, unit.id, data.get("standard_met_by"),
                        tuple(development["courses"]))
    assessed = assess([proposal], rules, term_of(plan), today())[proposal]
    override = data.get("override_reason")
    if not assessed.check.eligible and not override:
        raise ApiError(422, NOT_ELIGIBLE, {"cadre_id": list(assessed.check.problems)}, code="not_eligible")
    entry = {"id": store.entry_id(unit.id), "cadre_id": proposal.cadre_id, "position_id": position.id, "status": "active",
             "reason": data["reason"], "added_by": principal.username, "added_at": utcnow(),
             "override_reason": override if not assessed.check.eligible else None,
             "problems_at_add": list(assessed.check.problems), "removed_reason": None, "removed_by": None,
             "removed_at": None, "version": 1, **development}
    _insert(plan, unit.id, position, entry, principal, rules)
    return {"id": entry["id"], "cadre_id": entry["cadre_id"], "unit_id": unit.id, "position_id": position.id,
            "eligible": assessed.check.eligible, "problems": list(assessed.check.problems),
            "notes": list(assessed.check.notes), "warnings": list(assessed.check.warnings),
            "override_reason": entry["override_reason"]}


def _insert(plan: SuccessionPlan, unit_id: str, position: registry.TitleFacts, entry: dict, principal: Principal,
            rules) -> None:
    title_key = f"{unit_id}|{position.id}"
    for _ in range(5):
        doc = store.load_unit_plan(plan.id, unit_id)
        active = store.active_for_title(doc, position.id)
        if any(e["cadre_id"] == entry["cadre_id"] for e in active):
            raise ApiError(409, ALREADY, {"cadre_id": [ALREADY]}, code="duplicate")
        if problem := title_full(len(active), rules):
            raise ApiError(422, problem, {"position_id": [problem]}, code="title_full")
        if not store.claim_title(plan.id, entry["cadre_id"], title_key, rules.max_titles_per_cadre):
            problem = cadre_full(store.titles_of(plan.id, entry["cadre_id"]), rules) or ALREADY
            raise ApiError(422, problem, {"cadre_id": [problem]}, code="cadre_full")
        line = store.history_line("added", entry, entry["reason"], principal.username)
        if store.write_entry(doc, entry, line, store.entry_event(plan, unit_id, entry, position.title)):
            store.note_unit(plan, unit_id)
            return
        store.release_title(plan.id, entry["cadre_id"], title_key)
    raise ApiError(409, BUSY, code="conflict")


def _find_entry(plan: SuccessionPlan, entry_id: str) -> tuple[UnitPlan, dict]:
    unit_id = store.unit_of_entry(entry_id)
    doc = store.load_unit_plan(plan.id, unit_id) if unit_id in (plan.unit_ids or []) else None
    if doc is None or entry_id not in doc.entries:
        raise ApiError(404, NO_ENTRY)
    return doc, doc.entries[entry_id]


def _change(principal: Principal, plan_id: str, entry_id: str, action: str, reason: str | None, change) -> dict:
    plan = find_plan(plan_id)
    for _ in range(5):
        doc, entry = _find_entry(plan, entry_id)
        if entry["status"] != "active":
            raise ApiError(409, "Người này đã được đưa ra khỏi quy hoạch / already removed", code="removed")
        changed = {**entry, **change(entry), "version": entry["version"] + 1}
        position = registry.title_position(entry["position_id"])
        line = store.history_line(action, changed, reason, principal.username)
        if store.write_entry(doc, changed, line, store.entry_event(plan, doc.unit_id, changed,
                                                                    position.title if position else "")):
            return {**changed, "unit_id": doc.unit_id}
    raise ApiError(409, BUSY, code="conflict")


def remove_candidate(principal: Principal, plan_id: str, entry_id: str, reason: str) -> dict:
    """Out of the plan with a reason (the entry and its history stay)."""
    changed = _change(principal, plan_id, entry_id, "removed", reason, lambda _e: {
        "status": "removed", "removed_reason": reason, "removed_by": principal.username, "removed_at": utcnow()})
    store.release_title(plan_id, changed["cadre_id"], f"{changed['unit_id']}|{changed['position_id']}")
    return changed


def plan_development(principal: Principal, plan_id: str, entry_id: str, data: dict) -> dict:
    """Rotation (with its goal), courses and the date to meet the title's standard: the courses join
    the cadre's training plan through the entry's event."""
    development = _development(data)
    return _change(principal, plan_id, entry_id, "development", data.get("note"), lambda _e: development)
