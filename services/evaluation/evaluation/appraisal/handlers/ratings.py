"""The 360 round: a cadre rates the colleagues the organisation (and HR's adjustments) assign them,
each answer kept in the rater's own sheet; auditors can trace every answer, everyone else sees only
group figures (handlers.period_scores) and counts (handlers.progress)."""
from __future__ import annotations

from datetime import datetime
from typing import Iterable

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError

from ...common.ids import utcnow
from ...registry import queries as registry
from ..domain.assignment import GROUP_NAMES_VI, rating_problem
from ..domain.general_criteria import INDEX_GROUPS, INDEX_NAMES_VI, PERSON_GROUPS, Answer
from ..models.rounds import UnitRound, round_id
from . import sheets
from .organisation import assignment, organisation_of
from .periods import ensure_open, period_by_code

GROUP_ORDER = {g: i for i, g in enumerate(("self", "leader", "subordinate", "peer"))}


def rater_of(principal: Principal) -> registry.CadreFacts:
    rater = registry.cadre(principal.cadre_id)
    if rater is None or not rater.active:
        raise ApiError(403, "Chỉ cán bộ đang công tác mới tham gia đánh giá / only serving cadres rate",
                       code="forbidden")
    return rater


def moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def rating_view(period: str, ratee_id: str, entry: dict) -> dict:
    return {"period": period, "ratee_id": ratee_id, "group": entry["group"],
            "scores": {i: entry[i] for i in INDEX_GROUPS}, "first_submitted_at": moment(entry.get("first_submitted_at")),
            "submitted_at": moment(entry.get("submitted_at")), "revision": entry.get("revision", 1)}


def given_counts(given: dict) -> dict[str, int]:
    counts = {g: 0 for g in PERSON_GROUPS}
    for entry in given.values():
        counts[entry["group"]] = counts.get(entry["group"], 0) + 1
    return counts


def _answer(rater, org, pairs, given: dict, item: dict, field: str = "") -> bool:
    """Put the rater's answer about ``item["ratee_id"]`` into ``given`` (their sheet); True when new."""
    ratee = registry.cadre(item["ratee_id"])
    if ratee is None or (ratee.id != rater.id and ratee.unit_id != rater.unit_id):
        raise ApiError(404, "Không tìm thấy cán bộ trong đơn vị của bạn / no such cadre in your unit")
    if problem := rating_problem(item["group"], org.member(rater.id), org.member(ratee.id), pairs):
        raise ApiError(422, fields={field + problem[0]: [problem[1]]})
    earlier, now = given.get(ratee.id), utcnow().isoformat()
    given[ratee.id] = {"group": item["group"], **{i: float(item["scores"][i]) for i in INDEX_GROUPS},
                       "submitted_at": now, "first_submitted_at": earlier["first_submitted_at"] if earlier else now,
                       "revision": earlier.get("revision", 1) + 1 if earlier else 1}
    return earlier is None


def _store(period, rater, given: dict) -> None:
    sheets.write_given(period.code, rater.id, rater.unit_id, given)
    # the unit's overview counts each rater's answers from this row (the unit page counts exactly); the
    # round document is the opening job's to create, with its notification, so none is made here
    UnitRound._get_collection().update_one({"_id": round_id(period.code, rater.unit_id)},
                                           {"$set": {f"given.{rater.id}": given_counts(given)}})


def submit_rating(principal: Principal, data: dict) -> tuple[dict, bool]:
    """Store the signed-in cadre's rating of ``ratee_id``, replacing their earlier one; True when new."""
    rater = rater_of(principal)
    period = ensure_open(period_by_code(data["period"]))
    org = organisation_of(rater.unit_id)
    given = sheets.read_given(period.code, rater.id)
    created = _answer(rater, org, assignment(period.code, org), given, data)
    _store(period, rater, given)
    return rating_view(period.code, data["ratee_id"], given[data["ratee_id"]]), created


def submit_ratings(principal: Principal, data: dict) -> dict:
    """Several of the signed-in cadre's ratings at once (a paper round typed in, say): every one checked
    as a single rating is, then their sheet written once; one refused rating and none is stored."""
    rater = rater_of(principal)
    period = ensure_open(period_by_code(data["period"]))
    org = organisation_of(rater.unit_id)
    pairs, given = assignment(period.code, org), sheets.read_given(period.code, rater.id)
    created = sum(_answer(rater, org, pairs, given, item, f"ratings.{number}.")
                  for number, item in enumerate(data["ratings"]))
    _store(period, rater, given)
    return {"period": period.code, "created": created, "replaced": len(data["ratings"]) - created}


def my_round(principal: Principal, code: str) -> dict:
    """What the /ratings page shows: whom the signed-in cadre rates this period (themselves first),
    as which group, and what they answered so far; editable while the period is open."""
    rater = rater_of(principal)
    period = period_by_code(code)
    org = organisation_of(rater.unit_id)
    pairs = assignment(period.code, org)
    given = sheets.read_given(period.code, rater.id)
    asked = {ratee: group for (who, ratee), group in pairs.items() if who == rater.id}
    items = []
    for ratee_id in set(asked) | set(given):
        cadre, entry = org.cadres.get(ratee_id) or registry.cadre(ratee_id), given.get(ratee_id)
        position = org.position_of(ratee_id)
        group = asked.get(ratee_id) or entry["group"]
        items.append({"ratee_id": ratee_id, "code": cadre.code if cadre else None,
                      "full_name": cadre.full_name if cadre else None,
                      "department_code": cadre.department_code if cadre else None,
                      "position_title": position.title if position else None, "group": group,
                      "group_name": GROUP_NAMES_VI[group], "assigned": ratee_id in asked, "rated": entry is not None,
                      "scores": {i: entry[i] for i in INDEX_GROUPS} if entry else None,
                      "submitted_at": moment(entry.get("submitted_at")) if entry else None})
    items.sort(key=lambda item: (GROUP_ORDER[item["group"]], item["full_name"] or ""))
    rated = sum(1 for item in items if item["assigned"] and item["rated"])
    return {"period": period.code, "status": period.status, "editable": period.status == "open",
            "due_on": period.rating_due_on or period.ends_on, "index_names": dict(INDEX_NAMES_VI),
            "expected": len(asked), "rated": rated, "items": items}


def answers_of(docs: Iterable[dict], ratees: set[str] | None = None) -> list[Answer]:
    """The answers the rating sheets' owners gave (about ``ratees`` only, when given)."""
    return [Answer(doc["_id"], ratee, entry["group"], {i: entry[i] for i in INDEX_GROUPS})
            for doc in docs for ratee, entry in sheets.decode(doc.get("given")).items()
            if ratees is None or ratee in ratees]
