"""HR's review of a unit's 360 assignment in a period (who rates whom, as which group, and why:
the organisation or an adjustment) and their adjustments, pair by pair, each applying from when
it is made. The gateway audits the writes; the adjustments also keep who made them and when."""
from __future__ import annotations

from cadre_shared.auth import Principal, ensure_unit
from cadre_shared.errors import ApiError

from ...common.ids import new_id, utcnow
from ...registry import queries as registry
from ... import registry as registry_rules
from ..domain.assignment import Adjustment, adjustment_problem, derived_pairs
from ..models.assignments import RaterAdjustments
from ..models.periods import Period
from ..models.rounds import round_id
from .organisation import adjustments_of, assignment, organisation_of
from .periods import ensure_open


def assignment_view(period: Period, unit_id: str) -> dict:
    org = organisation_of(unit_id)
    adjustments = adjustments_of(period.code, unit_id)
    pairs = assignment(period.code, org, adjustments)
    derived = derived_pairs(org.members.values(), org.leaders)
    unit = next(iter(registry.units_in_scope(unit_id)), None)
    departments = dict(unit.departments) if unit else {}
    members = []
    for cadre in sorted((c for c in org.cadres.values() if c.active), key=lambda c: (c.department_code or "",
                                                                                     c.full_name)):
        position = org.position_of(cadre.id)
        members.append({"cadre_id": cadre.id, "code": cadre.code, "full_name": cadre.full_name,
                        "department_code": cadre.department_code,
                        "department_name": departments.get(cadre.department_code),
                        "position_title": position.title if position else None,
                        "leadership": position.leadership if position else "none", "is_leader": cadre.is_leader,
                        "reports_to": cadre.reports_to, "direct_leaders": list(org.leaders.get(cadre.id, ())),
                        "leadership_name": registry_rules.LEADERSHIP_NAMES_VI.get(
                            position.leadership if position else "none")})
    return {"period": period.code, "unit_id": unit_id, "editable": period.status == "open", "members": members,
            "pairs": [{"rater_id": rater, "ratee_id": ratee, "group": group,
                       "source": "organisation" if derived.get((rater, ratee)) == group else "adjustment"}
                      for (rater, ratee), group in sorted(pairs.items())],
            "adjustments": adjustments}


def unit_assignment(principal: Principal, period: Period, unit_id: str) -> dict:
    ensure_unit(principal, unit_id)
    if not registry.units_in_scope(unit_id):
        raise ApiError(422, fields={"unit_id": ["Đơn vị không tồn tại / unknown unit"]})
    return assignment_view(period, unit_id)


def adjust(principal: Principal, period: Period, data: dict) -> dict:
    """Add a pair with its group, or remove one; from now on (ratings given before stay)."""
    unit_id = data["unit_id"]
    ensure_unit(principal, unit_id)
    ensure_open(period)
    org = organisation_of(unit_id)
    adjustment = Adjustment(data["action"], data["rater_id"], data["ratee_id"], data.get("group"))
    if problem := adjustment_problem(adjustment, org.members):
        raise ApiError(422, fields={problem[0]: [problem[1]]})
    entry = {"id": new_id(), "action": adjustment.action, "rater_id": adjustment.rater_id,
             "ratee_id": adjustment.ratee_id, "group": adjustment.group if adjustment.action == "add" else None,
             "reason": data["reason"], "by": principal.username, "at": utcnow()}
    RaterAdjustments._get_collection().update_one(
        {"_id": round_id(period.code, unit_id)},
        {"$push": {"adjustments": entry}, "$setOnInsert": {"period": period.code, "unit_id": unit_id}}, upsert=True)
    return assignment_view(period, unit_id)
