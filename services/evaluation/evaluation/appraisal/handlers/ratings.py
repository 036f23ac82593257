"""The 360 round: a cadre rates the people of their unit; auditors can trace every answer,
everyone else sees only group figures (handlers.period_scores)."""
from __future__ import annotations

from cadre_shared.auth import Principal, ensure_unit
from cadre_shared.errors import ApiError

from ...common.ids import utcnow
from ...registry import queries as registry
from ..domain.general_criteria import INDEX_GROUPS, Answer, lenient_unit
from ..domain.raters import Member, rating_problem, relation
from ..models.ratings import Rating, rating_id
from .periods import ensure_open, period_by_code


def member(cadre: registry.CadreFacts) -> Member:
    return Member(cadre.id, cadre.unit_id, cadre.is_leader, cadre.active)


def rater_of(principal: Principal) -> registry.CadreFacts:
    rater = registry.cadre(principal.cadre_id)
    if rater is None or not rater.active:
        raise ApiError(403, "Chỉ cán bộ đang công tác mới tham gia đánh giá / only serving cadres rate",
                       code="forbidden")
    return rater


def submit_rating(principal: Principal, data: dict) -> tuple[Rating, bool]:
    """Store the signed-in cadre's rating of ``ratee_id``, replacing their earlier one; True when new."""
    rater = rater_of(principal)
    period = ensure_open(period_by_code(data["period"]))
    ratee = registry.cadre(data["ratee_id"])
    if ratee is None or (ratee.id != rater.id and ratee.unit_id != rater.unit_id):
        raise ApiError(404, "Không tìm thấy cán bộ trong đơn vị của bạn / no such cadre in your unit")
    if problem := rating_problem(data["group"], member(rater), member(ratee)):
        raise ApiError(422, fields={problem[0]: [problem[1]]})
    now = utcnow()
    result = Rating._get_collection().update_one(
        {"_id": rating_id(period.code, rater.id, ratee.id)},
        {"$set": {"period": period.code, "rater_id": rater.id, "ratee_id": ratee.id, "unit_id": ratee.unit_id,
                  "group": data["group"], **{i: float(data["scores"][i]) for i in INDEX_GROUPS}, "submitted_at": now},
         "$setOnInsert": {"first_submitted_at": now}, "$inc": {"revision": 1}},
        upsert=True)
    return Rating.objects(id=rating_id(period.code, rater.id, ratee.id)).first(), result.upserted_id is not None


def my_round(principal: Principal, code: str) -> dict:
    """Whom the signed-in cadre rates this period, as which group, and what they answered so far."""
    rater = rater_of(principal)
    period = period_by_code(code)
    given = {r.ratee_id: r for r in Rating.objects(period=period.code, rater_id=rater.id)}
    colleagues = sorted(registry.cadres_in([rater.unit_id]), key=lambda c: c.full_name)
    items = []
    for ratee in colleagues:
        group = relation(member(rater), member(ratee))
        rating = given.get(ratee.id)
        items.append({"ratee_id": ratee.id, "code": ratee.code, "full_name": ratee.full_name, "group": group,
                      "rated": rating is not None, "scores": scores_of(rating) if rating else None,
                      "submitted_at": rating.submitted_at if rating else None})
    items.sort(key=lambda item: item["group"] != "self")
    return {"period": period.code, "status": period.status, "items": items}


def scores_of(rating: Rating) -> dict:
    return {i: getattr(rating, i) for i in INDEX_GROUPS}


def answer_of(rating: Rating) -> Answer:
    return Answer(rating.rater_id, rating.ratee_id, rating.group, scores_of(rating))


def audit_trail(query: dict) -> tuple[list[dict], int]:
    """Individual answers with the rater's identity (auditor only)."""
    ratings = Rating.objects(period=query["period"])
    for name in ("ratee_id", "rater_id", "unit_id"):
        if query.get(name):
            ratings = ratings.filter(**{name: query[name]})
    total = ratings.count()
    start = (query["page"] - 1) * query["per_page"]
    page = list(ratings.order_by("ratee_id", "group", "rater_id").skip(start).limit(query["per_page"]))
    names = {c.id: c.full_name
             for c in registry.cadres_by_id({r.rater_id for r in page} | {r.ratee_id for r in page}).values()}
    return [{"period": r.period, "rater_id": r.rater_id, "rater_name": names.get(r.rater_id),
             "ratee_id": r.ratee_id, "ratee_name": names.get(r.ratee_id), "unit_id": r.unit_id, "group": r.group,
             "scores": scores_of(r), "first_submitted_at": r.first_submitted_at, "submitted_at": r.submitted_at,
             "revision": r.revision} for r in page], total


def unit_leniency(principal: Principal, query: dict) -> dict:
    """Nể nang, bình quân chủ nghĩa: does nearly everyone in the unit get the top grade?"""
    unit_id = query.get("unit_id") or principal.unit_id
    if not unit_id:
        raise ApiError(422, fields={"unit_id": ["Bắt buộc nhập / required"]})
    ensure_unit(principal, unit_id)
    period = period_by_code(query["period"])
    check = lenient_unit(answer_of(r) for r in Rating.objects(period=period.code, unit_id=unit_id))
    message = ("Gần như mọi cán bộ được đánh giá mức cao nhất: dấu hiệu nể nang, bình quân chủ nghĩa / "
               "nearly everyone gets the top grade" if check.flagged else None)
    return {"unit_id": unit_id, "period": period.code, "rated": check.rated, "top_graded": check.top_graded,
            "share": check.share, "flagged": check.flagged, "message": message}
