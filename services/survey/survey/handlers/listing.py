"""Listings for HR pages: responses (with comments, newest first) and the suspect queue."""
from __future__ import annotations

from cadre_shared.auth import Principal

from ..domain.periods import Period, parse_period
from ..models import CadreCopy, Response, SuspectCase
from .scope import authorize_scope


def _names(cadre_ids) -> dict[str, str]:
    return {c.id: c.full_name for c in CadreCopy.objects(id__in=list(set(cadre_ids))).only("id", "full_name")}


def responses_seen_by(principal: Principal, query: dict) -> dict:
    """A page of the responses the caller may read, filtered as asked."""
    unit_id = authorize_scope(principal, None, query.get("unit_id"))
    if query.get("cadre_id"):
        authorize_scope(principal, query["cadre_id"], None)
    period = parse_period(query["period"]) if query.get("period") else None
    return list_responses(unit_id=unit_id, cadre_id=query.get("cadre_id"), period=period,
                          overall=query.get("overall"), with_comment=query["with_comment"],
                          page=query["page"], per_page=query["per_page"])


def suspects_seen_by(principal: Principal, query: dict) -> dict:
    """A page of the suspect queue within the caller's scope."""
    unit_id = authorize_scope(principal, None, query.get("unit_id"))
    return list_suspects(unit_id=unit_id, status=query["status"], page=query["page"], per_page=query["per_page"])


def list_responses(*, unit_id: str | None, cadre_id: str | None, period: Period | None, overall: str | None,
                   with_comment: bool, page: int, per_page: int) -> dict:
    query = {}
    for field, value in (("unit_id", unit_id), ("cadre_id", cadre_id), ("overall", overall)):
        if value is not None:
            query[field] = value
    if period is not None:
        query[period.kind] = period.code
    if with_comment:
        query["comment__nin"] = [None, ""]
    found = Response.objects(**query).order_by("-answered_at")
    total = found.count()
    rows = list(found.skip((page - 1) * per_page).limit(per_page))
    decided = {c.id: c.status for c in SuspectCase.objects(id__in=[r.id for r in rows if r.suspect]).only("id",
                                                                                                        "status")}
    names = _names(r.cadre_id for r in rows)
    items = [{
        "response_id": r.id, "answered_at": r.answered_at, "unit_id": r.unit_id, "cadre_id": r.cadre_id,
        "cadre_name": names.get(r.cadre_id), "channel": r.channel, "procedure_code": r.procedure_code,
        "overall": r.overall, "indicators": r.indicators, "comment": r.comment,
        "status": _status(r, decided.get(r.id)),
    } for r in rows]
    return {"page": page, "per_page": per_page, "total": total, "items": items}


def _status(response: Response, case_status: str | None) -> str:
    if not response.suspect:
        return "counted"
    return {"cleared": "counted", "rejected": "rejected"}.get(case_status, "suspect")


def list_suspects(*, unit_id: str | None, status: str, page: int, per_page: int) -> dict:
    query = {"status": status}
    if unit_id is not None:
        query["unit_id"] = unit_id
    found = SuspectCase.objects(**query).order_by("-answered_at")
    total = found.count()
    cases = list(found.skip((page - 1) * per_page).limit(per_page))
    names = _names(c.cadre_id for c in cases)
    return {"page": page, "per_page": per_page, "total": total,
            "items": [case_view(c, names.get(c.cadre_id)) for c in cases]}


def case_view(case: SuspectCase, cadre_name: str | None) -> dict:
    fields = ("status", "reason", "unit_id", "cadre_id", "kiosk_id", "overall", "indicators", "comment",
              "answered_at", "decided_by", "decided_at", "note")
    return {"response_id": case.id, "cadre_name": cadre_name, **{f: getattr(case, f) for f in fields}}
