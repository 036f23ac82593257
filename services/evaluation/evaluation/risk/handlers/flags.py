"""Risk flags as HR sees and acts on them: list, detail, acknowledge, interventions (training,
mentoring — kèm cặp —, rotation, closer review) and their outcome, "not useful" feedback.
Every change of a flag is one conditional write (on its version) carrying ``risk_flag.updated``."""
from __future__ import annotations

from datetime import datetime, time

from cadre_shared.auth import Principal, ensure_unit
from cadre_shared.errors import ApiError

from ...common.events import conflict, event, update_where
from ...common.ids import new_id, utcnow
from ...registry import queries as registry
from ..domain.model import LIGHT_NAMES_VI, LIGHT_RANK
from ..models import FlagFeedback, RiskFlag
from . import unit_flags
from .assessment import flag_event, stored

INTERVENTION_NAMES_VI = {"training": "Đào tạo, bồi dưỡng", "mentoring": "Kèm cặp bởi cán bộ có kinh nghiệm",
                         "rotation": "Luân chuyển", "closer_review": "Theo dõi, đánh giá sát hơn"}
INTERVENTION_FIELDS = ("id", "kind", "mentor_cadre_id", "course_code", "note", "due_on", "assigned_by", "assigned_at", "outcome",
                       "outcome_note", "outcome_by", "outcome_at")


def _names(cadre_ids: list[str]) -> dict[str, registry.CadreFacts]:
    return registry.cadres_by_id(cadre_ids)


def flag_view(flag: RiskFlag, cadre: registry.CadreFacts | None, not_useful: int = 0) -> dict:
    return {"id": flag.id, "cadre_id": flag.cadre_id, "cadre_code": cadre.code if cadre else None,
            "full_name": cadre.full_name if cadre else None, "unit_id": flag.unit_id, "status": flag.status,
            "period": flag.period, "probability": flag.probability, "light": flag.light,
            "light_name": LIGHT_NAMES_VI[flag.light], "factors": list(flag.factors), "triggers": list(flag.triggers),
            "model_version": flag.model_version,
            "interventions": [{**{name: getattr(i, name) for name in INTERVENTION_FIELDS},
                               "kind_name": INTERVENTION_NAMES_VI[i.kind]} for i in flag.interventions],
            "not_useful": not_useful, "raised_at": flag.raised_at, "updated_at": flag.updated_at,
            "acknowledged_by": flag.acknowledged_by, "acknowledged_at": flag.acknowledged_at,
            "closed_by": flag.closed_by, "closed_at": flag.closed_at}


def _listed(unit_id: str | None, query: dict) -> list[RiskFlag]:
    """Flags not closed come from the units' documents, then each flag by ``_id``; closed ones
    (asked for explicitly, rarely) are read by a filter."""
    if query.get("status") == "closed":
        filters = {"unit_id": unit_id} if unit_id else {}
        return list(RiskFlag.objects(status="closed", **filters).exclude("outbox"))
    units = [unit_id] if unit_id else [u.id for u in registry.units_in_scope(None)]
    wanted = [row["flag_id"] for u in units for row in unit_flags.of_unit(u)[0].values()
              if row["status"] == query.get("status", row["status"]) and row["light"] == query.get("light", row["light"])]
    return [f for f in (RiskFlag.objects(id=i).exclude("outbox").first() for i in wanted) if f is not None]


def list_flags(principal: Principal, query: dict) -> list[dict]:
    flags = _listed(registry.unit_scope(principal, query.get("unit_id")), query)
    flags.sort(key=lambda f: (-LIGHT_RANK[f.light], -(f.probability or 0), f.raised_at))
    names = _names([f.cadre_id for f in flags])
    return [flag_view(f, names.get(f.cadre_id)) for f in flags]


def visible_flag(principal: Principal, flag_id: str) -> RiskFlag:
    flag = RiskFlag.objects(id=flag_id).exclude("outbox").first()
    if flag is None:
        raise ApiError(404)
    ensure_unit(principal, flag.unit_id)
    return flag


def managed_flag(principal: Principal, flag_id: str) -> RiskFlag:
    flag = visible_flag(principal, flag_id)
    if not registry.may_manage_unit(principal, flag.unit_id):
        raise ApiError(403, code="forbidden")
    return flag


def get_flag(principal: Principal, flag_id: str) -> dict:
    flag = visible_flag(principal, flag_id)
    return flag_view(flag, _names([flag.cadre_id]).get(flag.cadre_id),
                     FlagFeedback.objects(flag_id=flag.id, useful=False).count())


def _closed(flag: RiskFlag) -> ApiError:
    return ApiError(409, "Cảnh báo đã đóng / the flag is closed", code="flag_closed")


def _change(flag: RiskFlag, changes: dict, unset: tuple[str, ...] = (), events: tuple[dict, ...] = ()) -> RiskFlag:
    """Write ``changes`` if nobody changed the flag meanwhile, with its ``risk_flag.updated`` event
    (and ``events``)."""
    version = flag.version + 1
    changes = {**changes, "version": version, "updated_at": utcnow()}
    state = {**stored(flag), **changes}
    update = {"$set": changes, **({"$unset": {k: "" for k in unset}} if unset else {})}
    if not update_where(RiskFlag, {"_id": flag.id, "version": flag.version}, update,
                        [flag_event("risk_flag.updated", state), *events]):
        raise conflict()
    changed = RiskFlag.objects(id=flag.id).exclude("outbox").first()
    unit_flags.note(stored(changed))
    return changed


def _view(flag: RiskFlag) -> dict:
    return flag_view(flag, _names([flag.cadre_id]).get(flag.cadre_id),
                     FlagFeedback.objects(flag_id=flag.id, useful=False).count())


def acknowledge(principal: Principal, flag_id: str) -> dict:
    flag = managed_flag(principal, flag_id)
    if flag.status == "closed":
        raise _closed(flag)
    if flag.status == "acknowledged":
        return _view(flag)
    return _view(_change(flag, {"status": "acknowledged", "acknowledged_by": principal.username,
                                "acknowledged_at": utcnow()}))


def _mentor(principal: Principal, flag: RiskFlag, mentor_id: str | None) -> None:
    field = {"mentor_cadre_id": ["Kèm cặp cần một cán bộ hướng dẫn hợp lệ, khác cán bộ được cảnh báo / "
                                 "mentoring needs a valid mentor other than the flagged cadre"]}
    if mentor_id is None or mentor_id == flag.cadre_id:
        raise ApiError(422, fields=field)
    mentor = registry.cadre(mentor_id)
    if mentor is None or not mentor.active or not principal.can_see_unit(mentor.unit_id):
        raise ApiError(422, fields=field)


def add_intervention(principal: Principal, flag_id: str, data: dict) -> dict:
    flag = managed_flag(principal, flag_id)
    if flag.status == "closed":
        raise _closed(flag)
    if data["kind"] == "mentoring":
        _mentor(principal, flag, data.get("mentor_cadre_id"))
    elif data.get("mentor_cadre_id"):
        raise ApiError(422, fields={"mentor_cadre_id": ["Chỉ dùng cho kèm cặp / only for mentoring"]})
    if data.get("course_code") and data["kind"] != "training":
        raise ApiError(422, fields={"course_code": ["Chỉ dùng cho đào tạo, bồi dưỡng / only for training"]})
    item = {"id": new_id(), "kind": data["kind"], "mentor_cadre_id": data.get("mentor_cadre_id"),
            "course_code": data.get("course_code"), "note": data.get("note"), "due_on": data.get("due_on"),
            "assigned_by": principal.username, "assigned_at": utcnow(), "outcome": None, "outcome_note": None,
            "outcome_by": None, "outcome_at": None}
    # stored as DateField stores dates: a datetime at midnight
    stored_item = {**item, "due_on": datetime.combine(item["due_on"], time()) if item["due_on"] else None}
    interventions = [i.to_mongo().to_dict() for i in flag.interventions] + [stored_item]
    return _view(_change(flag, {"interventions": interventions}, events=course_events(flag, item)))


def course_events(flag: RiskFlag, item: dict) -> tuple[dict, ...]:
    """A course assigned as an intervention goes to the cadre's training plan (training service)."""
    if not item["course_code"]:
        return ()
    return (event("risk_course.assigned", flag.cadre_id, {
        "flag_id": flag.id, "intervention_id": item["id"], "cadre_id": flag.cadre_id, "unit_id": flag.unit_id,
        "course_code": item["course_code"], "due_on": item["due_on"].isoformat() if item["due_on"] else None,
        "note": item["note"], "assigned_by": item["assigned_by"]}),)


def record_outcome(principal: Principal, flag_id: str, intervention_id: str, data: dict) -> dict:
    flag = managed_flag(principal, flag_id)
    interventions = [i.to_mongo().to_dict() for i in flag.interventions]
    target = next((i for i in interventions if i["id"] == intervention_id), None)
    if target is None:
        raise ApiError(404)
    if target.get("outcome"):
        raise ApiError(409, "Kết quả của biện pháp này đã được ghi nhận / outcome already recorded",
                       code="outcome_recorded")
    target.update(outcome=data["outcome"], outcome_note=data.get("note"), outcome_by=principal.username,
                  outcome_at=utcnow())
    changes, unset = {"interventions": interventions}, ()
    if data.get("close_flag"):
        changes.update(status="closed", closed_by=principal.username, closed_at=utcnow())
        unset = ("open_key",)
    return _view(_change(flag, changes, unset))


def not_useful(principal: Principal, flag_id: str, data: dict) -> dict:
    """Kept (one per person and flag, the latest comment wins) for the next training run."""
    flag = managed_flag(principal, flag_id)
    doc = FlagFeedback(id=f"{flag.id}|{principal.user_id}", flag_id=flag.id, cadre_id=flag.cadre_id,
                       period=flag.period, useful=False, comment=data.get("comment"), given_by=principal.username,
                       given_at=utcnow())
    doc.save()
    return {"flag_id": flag.id, "cadre_id": flag.cadre_id, "period": flag.period, "useful": False,
            "comment": doc.comment, "given_by": doc.given_by, "given_at": doc.given_at,
            "kept_for_training": True}
