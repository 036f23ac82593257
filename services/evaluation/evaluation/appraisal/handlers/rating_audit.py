"""What the round looks like from above: every individual answer with its rater (auditors only),
and the unit-wide leniency check (nể nang, bình quân chủ nghĩa) for HR."""
from __future__ import annotations

from cadre_shared.auth import Principal, ensure_unit
from cadre_shared.errors import ApiError

from ...registry import queries as registry
from ..domain.general_criteria import INDEX_GROUPS, lenient_unit
from . import sheets
from .periods import period_by_code
from .ratings import answers_of, moment


def _sheets_for(code: str, query: dict) -> list[dict]:
    """The sheets holding the answers the audit query asks about (a rater's own, a unit's, the ratee's
    unit's; with no filter, every sheet of the period — read by period, as only auditors ask)."""
    if query.get("rater_id"):
        return list(sheets.read_many(sheets.RATINGS, code, [query["rater_id"]]).values())
    unit_id = query.get("unit_id")
    if not unit_id and query.get("ratee_id"):
        ratee = registry.cadre(query["ratee_id"])
        unit_id = ratee.unit_id if ratee else None
        if unit_id is None:
            return []
    if unit_id:
        return list(sheets.read_many(sheets.RATINGS, code, [c.id for c in registry.cadres_in([unit_id],
                                                                                             active_only=False)]).values())
    return list(sheets.whole_period(sheets.RATINGS, code))


def audit_trail(query: dict) -> tuple[list[dict], int]:
    """Individual answers with the rater's identity (auditor only)."""
    code = query["period"]
    rows = []
    for doc in _sheets_for(code, query):
        for ratee, entry in sheets.decode(doc.get("given")).items():
            if query.get("ratee_id") and ratee != query["ratee_id"]:
                continue
            rows.append({"period": code, "rater_id": doc["_id"], "ratee_id": ratee, "unit_id": doc["unit_id"],
                         "group": entry["group"], "scores": {i: entry[i] for i in INDEX_GROUPS},
                         "first_submitted_at": moment(entry.get("first_submitted_at")),
                         "submitted_at": moment(entry.get("submitted_at")), "revision": entry.get("revision", 1)})
    if query.get("unit_id"):
        rows = [r for r in rows if r["unit_id"] == query["unit_id"]]
    rows.sort(key=lambda r: (r["ratee_id"], r["group"], r["rater_id"]))
    start = (query["page"] - 1) * query["per_page"]
    page = rows[start:start + query["per_page"]]
    names = {c.id: c.full_name
             for c in registry.cadres_by_id({r["rater_id"] for r in page} | {r["ratee_id"] for r in page}).values()}
    for row in page:
        row.update(rater_name=names.get(row["rater_id"]), ratee_name=names.get(row["ratee_id"]))
    return page, len(rows)


def unit_leniency(principal: Principal, query: dict) -> dict:
    """Nể nang, bình quân chủ nghĩa: does nearly everyone in the unit get the top grade?"""
    unit_id = query.get("unit_id") or principal.unit_id
    if not unit_id:
        raise ApiError(422, fields={"unit_id": ["Bắt buộc nhập / required"]})
    ensure_unit(principal, unit_id)
    period = period_by_code(query["period"])
    members = {c.id for c in registry.cadres_in([unit_id], active_only=False)}
    check = lenient_unit(answers_of(sheets.read_many(sheets.RATINGS, period.code, members).values(), members))
    message = ("Gần như mọi cán bộ được đánh giá mức cao nhất: dấu hiệu nể nang, bình quân chủ nghĩa / "
               "nearly everyone gets the top grade" if check.flagged else None)
    return {"unit_id": unit_id, "period": period.code, "rated": check.rated, "top_graded": check.top_graded,
            "share": check.share, "flagged": check.flagged, "message": message}
