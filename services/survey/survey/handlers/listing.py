"""Listings for HR pages: responses (with comments, newest first) and the suspect queue."""
from __future__ import annotations

from cadre_shared.auth import Principal
from cadre_shared.by_id import find_by_ids

from ..domain.periods import Period, parse_period
from ..models import CadreCopy, Response, SuspectCase
from . import answer_lists
from .scope import authorize_scope


def _names(cadre_ids) -> dict[str, str]:
    """Each cadre's name, read by ``_id`` (``$in`` reads every cadre copy on the embedded store)."""
    return {cadre_id: copy.get("full_name")
            for cadre_id, copy in find_by_ids(CadreCopy._get_collection(), cadre_ids, {"full_name": 1}).items()}


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
    """A page of answers, newest first, from the lists kept by ``_id`` (``handlers.answer_lists``): the page's
    answers, their suspect cases and their cadres are then each read by ``_id`` — no read of a whole collection."""
    total, rows = answer_lists.page(unit_id=unit_id, cadre_id=cadre_id, period=period, overall=overall,
                                    with_comment=with_comment, skip=(page - 1) * per_page, limit=per_page)
    stored = find_by_ids(Response._get_collection(), [r.response_id for r in rows])
    found = [Response._from_son(stored[r.response_id]) for r in rows if r.response_id in stored]
    decided = {case_id: case.get("status") for case_id, case in find_by_ids(
        SuspectCase._get_collection(), [r.id for r in found if r.suspect], {"status": 1}).items()}
    names = _names(r.cadre_id for r in found)
    items = [{
        "response_id": r.id, "answered_at": r.answered_at, "unit_id": r.unit_id, "cadre_id": r.cadre_id,
        "cadre_name": names.get(r.cadre_id), "channel": r.channel, "procedure_code": r.procedure_code,
        "overall": r.overall, "indicators": r.indicators, "comment": r.comment,
        "status": _status(r, decided.get(r.id)),
    } for r in found]
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
