"""A unit's classification in a closed period or year (PRODUCT.md §6; the scope: handlers.scopes):
read it (HR of the unit and the province; the unit's cadres once it is approved), decide a group's
quota violation (the unit's HR or the province), approve it (the province, for the competent
authority), which publishes it to the unit's cadres with a classification_published notification in
the same write."""
from __future__ import annotations

from fractions import Fraction

from cadre_shared.auth import Principal, ensure_unit
from cadre_shared.errors import ApiError
from cadre_shared.notify import notification
from cadre_shared.periods import parse_period_code

from ...common.events import PRODUCER, update_where
from ...common.ids import utcnow
from ...registry import queries as registry
from ..domain.classification import Decision, Group, Row, decision_problem, final_levels, groups_of, undecided
from ..models.classifications import Classification, classifications_kept
from ..models.rounds import round_id
from .periods import ensure_year_open
from .scopes import Scope
from .sheets import decode

NOT_PUBLISHED = "Kết quả xếp loại của đơn vị chưa được phê duyệt, công bố / not approved and published yet"
NO_PROPOSAL = "Đơn vị không có cán bộ nào được chấm điểm trong kỳ / nobody of the unit was scored this period"


def unit_of_request(principal: Principal, unit_id: str | None) -> str:
    """The unit asked for, else the caller's own (a cadre's: where they serve now)."""
    if unit_id:
        return unit_id
    if principal.role == "cadre":
        cadre = registry.cadre(principal.cadre_id)
        if cadre is not None:
            return cadre.unit_id
    if principal.unit_id:
        return principal.unit_id
    raise ApiError(422, fields={"unit_id": ["Chọn đơn vị / choose a unit"]})


def stored(scope: Scope, unit_id: str) -> dict:
    if not scope.closed:
        what = ("Năm", "year") if scope.kind == "year" else ("Kỳ", "period")
        raise ApiError(409, f"{what[0]} {scope.code} chưa khóa: chưa có đề xuất xếp loại / {what[1]} {scope.code} is not "
                            f"closed: no classification yet", code=f"{what[1]}_not_closed")
    doc = Classification._get_collection().find_one({"_id": round_id(scope.code, unit_id)}, {"outbox": 0})
    if doc is None:
        raise ApiError(404, NO_PROPOSAL)
    return doc


def readable(principal: Principal, scope: Scope, unit_id: str | None) -> tuple[Scope, dict]:
    """The classification, when the caller may read it: a cadre only their own unit's (another's:
    404) and only once approved (403 before)."""
    unit_id = unit_of_request(principal, unit_id)
    if principal.role == "cadre":
        cadre = registry.cadre(principal.cadre_id)
        if cadre is None or cadre.unit_id != unit_id:
            raise ApiError(404)
    else:
        ensure_unit(principal, unit_id)
    doc = stored(scope, unit_id)
    if principal.role == "cadre" and doc["status"] != "approved":
        raise ApiError(403, NOT_PUBLISHED, code="not_published")
    return scope, doc


def rows(doc: dict) -> list[Row]:
    return [Row(**{k: r.get(k) for k in Row.__dataclass_fields__}) for r in decode(doc["rows"], [])]


def groups(doc: dict) -> list[Group]:
    decisions = {d["task_group"] or "": Decision(tuple(d["keep_excellent"]), d["decided_by"], d["decided_at"])
                 for d in doc.get("decisions") or []}
    return groups_of(doc["unit_id"], rows(doc), Fraction(doc["ratio"]), decisions)


def group_view(group: Group) -> dict:
    return {**vars(group), "keep_excellent": list(group.keep_excellent), "to_review": list(group.to_review)}


def classification_view(scope: Scope, doc: dict) -> dict:
    found, listed = groups(doc), rows(doc)
    levels = final_levels(listed, found)
    unit = next(iter(registry.units_in_scope(doc["unit_id"])), None)
    return {"period": scope.code, "period_id": scope.id, "unit_id": doc["unit_id"],
            "unit_name": unit.name if unit else None, "status": doc["status"], "approved_by": doc.get("approved_by"),
            "approved_at": doc.get("approved_at"), "excellent_ratio": float(Fraction(doc["ratio"])),
            "undecided": undecided(found), "groups": [group_view(g) for g in found],
            "folded_into_year": [r["cadre_id"] for r in decode(doc.get("folded_rows"), [])],
            "cadres": [{"cadre_id": r.cadre_id, "full_name": r.full_name, "position_id": r.position_id,
                        "position_code": r.position_code, "task_group": r.task_group, "total": r.total,
                        "score_level": r.score_level, "final_level": levels[r.cadre_id], "override": r.override,
                        "percentile": r.percentile, "compared_with": r.compared_with} for r in listed]}


def read_classification(principal: Principal, scope: Scope, unit_id: str | None) -> dict:
    return classification_view(*readable(principal, scope, unit_id))


def _open_for_decisions(principal: Principal, scope: Scope, unit_id: str) -> dict:
    ensure_unit(principal, unit_id)
    if scope.kind == "period":
        ensure_year_open(parse_period_code(scope.code).year, scope.code)
    doc = stored(scope, unit_id)
    if doc["status"] == "approved":
        raise ApiError(409, "Kết quả đã được phê duyệt, không thay đổi được / already approved: final",
                       code="approved")
    return doc


def decide(principal: Principal, scope: Scope, data: dict) -> dict:
    """The unit HR's decision on who stays excellent in one task group; the others become good."""
    doc = _open_for_decisions(principal, scope, data["unit_id"])
    key = data.get("task_group") or ""
    group = next((g for g in groups_of(doc["unit_id"], rows(doc), Fraction(doc["ratio"]))
                  if (g.task_group or "") == key), None)
    if group is None:
        raise ApiError(422, fields={"task_group": ["Đơn vị không có nhóm này trong đề xuất / no such group"]})
    if problem := decision_problem(group, rows(doc), data["keep_excellent"]):
        raise ApiError(422, fields={"keep_excellent": [problem]})
    decisions = [d for d in doc.get("decisions") or [] if (d["task_group"] or "") != key]
    decisions.append({"task_group": group.task_group, "keep_excellent": list(data["keep_excellent"]),
                      "decided_by": principal.username, "decided_at": utcnow()})
    Classification._get_collection().update_one({"_id": doc["_id"]}, {"$set": {"decisions": decisions}})
    classifications_kept.moved(Classification._get_db())
    return group_view(next(g for g in groups({**doc, "decisions": decisions}) if (g.task_group or "") == key))


def approve(principal: Principal, scope: Scope, unit_id: str) -> dict:
    """Final: published to the unit's cadres. Refused (409) while a violation is undecided."""
    doc = _open_for_decisions(principal, scope, unit_id)
    if waiting := undecided(groups(doc)):
        names = ", ".join(g or "(chưa xác định)" for g in waiting)
        raise ApiError(409, f"Còn nhóm vượt giới hạn xuất sắc chưa được đơn vị quyết định: {names} / a quota "
                            f"violation is still undecided", code="undecided_violation")
    unit = next(iter(registry.units_in_scope(unit_id)), None)
    published = notification(PRODUCER, "classification_published", about=unit_id, unit_roles=[(unit_id, "cadre")],
                             params={"period": scope.code, "unit_name": unit.name if unit else ""},
                             link=scope.link, dedupe_key=f"classification_published|{doc['_id']}")
    update_where(Classification, {"_id": doc["_id"]}, {"$set": {"status": "approved", "approved_by": principal.username,
                                                              "approved_at": utcnow()}}, [published])
    classifications_kept.moved(Classification._get_db())
    return classification_view(scope, stored(scope, unit_id))
