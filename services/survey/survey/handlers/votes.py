"""Confidence votes from the organiser's side: created with their one-time codes, listed, read,
the codes printed again while open, closed with each official's result, its event to the
evaluation service and, where the outcome asks for it, a notification to province HR."""
from __future__ import annotations

import secrets
import uuid
from datetime import datetime, timezone

from mongoengine.errors import NotUniqueError

from cadre_shared.auth import Principal, ensure_unit
from cadre_shared.clock import today
from cadre_shared.envelope import make_event
from cadre_shared.errors import ApiError
from cadre_shared.notify import notification
from cadre_shared.outbox import note_staged
from cadre_shared.read_copy import UnitCopy

from ..domain.ballots import ALPHABET, Thresholds, ballot_codes, result
from ..models import CadreCopy, ConfidenceVote, VoteRef, VoteSettings

NO_VOTE = "Không có cuộc lấy phiếu này / No such vote"
CLOSED = "Cuộc lấy phiếu đã kết thúc / The vote is closed"


def thresholds() -> Thresholds:
    stored = VoteSettings.objects(id="province").first()
    return Thresholds(stored.consider_above, stored.replace_at) if stored else Thresholds()


def settings_view() -> dict:
    stored = VoteSettings.objects(id="province").first()
    current = thresholds()
    return {"consider_above": current.consider_above, "replace_at": current.replace_at,
            "updated_by": stored.updated_by if stored else None, "updated_at": stored.updated_at if stored else None}


def put_settings(principal: Principal, data: dict) -> dict:
    try:
        Thresholds(data["consider_above"], data["replace_at"])
    except ValueError:
        raise ApiError(422, fields={"replace_at": ["Cần 0 ≤ consider_above ≤ replace_at ≤ 1"]}) from None
    VoteSettings(id="province", consider_above=data["consider_above"], replace_at=data["replace_at"],
                 updated_by=principal.username, updated_at=datetime.now(timezone.utc)).save()
    return settings_view()


def _officials(unit_id: str, cadre_ids: list[str]) -> list[dict]:
    officials, problems = [], {}
    for index, cadre_id in enumerate(cadre_ids):
        cadre = CadreCopy.objects(id=cadre_id).first()
        if cadre is None or cadre.unit_id != unit_id or cadre.status != "active":
            problems[f"cadre_ids.{index}"] = ["Cán bộ không thuộc đơn vị này / not an official of this unit"]
        else:
            officials.append({"cadre_id": cadre.id, "full_name": cadre.full_name})
    if problems:
        raise ApiError(422, fields=problems)
    return officials


def _new_ref(vote_id: str) -> str:
    for _ in range(20):
        ref = "".join(secrets.choice(ALPHABET) for _ in range(4))
        try:
            VoteRef(id=ref, vote_id=vote_id).save(force_insert=True)
            return ref
        except NotUniqueError:
            continue
    raise ApiError(503, "Không cấp được mã cuộc lấy phiếu, vui lòng thử lại / retry", code="busy")


def create_vote(principal: Principal, data: dict, key: bytes) -> tuple[ConfidenceVote, list[str]]:
    unit = UnitCopy.objects(id=data["unit_id"]).first()
    if unit is None:
        raise ApiError(422, fields={"unit_id": ["Đơn vị không tồn tại / unknown unit"]})
    officials = _officials(unit.id, data["cadre_ids"])
    vote_id = str(uuid.uuid4())
    rule = thresholds()
    vote = ConfidenceVote(id=vote_id, ref=_new_ref(vote_id), unit_id=unit.id, unit_name=unit.name, year=data["year"],
                          officials=officials, ballots=data["ballots"],
                          tallies={o["cadre_id"]: {"high": 0, "medium": 0, "low": 0} for o in officials},
                          consider_above=rule.consider_above, replace_at=rule.replace_at,
                          created_by=principal.username)
    vote.save(force_insert=True)
    return vote, ballot_codes(key, vote.id, vote.ref, vote.ballots)


def find_vote(principal: Principal, vote_id: str) -> ConfidenceVote:
    vote = ConfidenceVote.objects(id=vote_id).exclude("outbox").first()
    if vote is None:
        raise ApiError(404, NO_VOTE)
    ensure_unit(principal, vote.unit_id)
    return vote


def list_votes(principal: Principal, unit_id: str | None) -> list[ConfidenceVote]:
    if unit_id:
        ensure_unit(principal, unit_id)
    elif not principal.is_province_wide:
        unit_id = principal.unit_id
    query = {"unit_id": unit_id} if unit_id else {}
    return sorted(ConfidenceVote.objects(**query).exclude("outbox", "tallies"),
                  key=lambda v: (v.year, v.created_at), reverse=True)


def codes_again(principal: Principal, vote_id: str, key: bytes) -> tuple[ConfidenceVote, list[str]]:
    vote = find_vote(principal, vote_id)
    if vote.status != "open":
        raise ApiError(409, CLOSED, code="closed")
    return vote, ballot_codes(key, vote.id, vote.ref, vote.ballots)


def result_event(vote: ConfidenceVote, outcome: dict, closed_on: str) -> dict:
    """One official's result as the evaluation service learns it (also published again after a restore)."""
    return make_event("confidence.result", 1, outcome["cadre_id"], {
        "vote_id": vote.id, "unit_id": vote.unit_id, "year": vote.year, **outcome, "closed_on": closed_on}, "survey")


def close_vote(principal: Principal, vote_id: str) -> ConfidenceVote:
    """Close once: each official's result, its ``confidence.result`` event and, for an outcome other
    than none, a ``confidence_outcome`` notification to province HR, in the closing write."""
    vote = find_vote(principal, vote_id)
    if vote.status != "open":
        raise ApiError(409, CLOSED, code="closed")
    rule = Thresholds(vote.consider_above, vote.replace_at)
    results = [result(o["cadre_id"], vote.tallies.get(o["cadre_id"], {}), vote.cast, rule) for o in vote.officials]
    names = {o["cadre_id"]: o["full_name"] for o in vote.officials}
    closed_on = today().isoformat()
    events = []
    for r in results:
        events.append(result_event(vote, r, closed_on))
        if r["outcome"] != "none":
            events.append(notification(
                "survey", "confidence_outcome", about=r["cadre_id"], roles=["province_admin"],
                params={"year": vote.year, "cadre_name": names[r["cadre_id"]], "outcome": r["outcome"]},
                link=f"/confidence-votes/{vote.id}", dedupe_key=f"confidence_outcome|{vote.id}|{r['cadre_id']}"))
    # the ballots counted so far are what the results say: the status filter stops a late ballot's $inc
    done = ConfidenceVote._get_collection().update_one(
        {"_id": vote.id, "status": "open", "cast": vote.cast},
        {"$set": {"status": "closed", "results": results, "closed_by": principal.username,
                  "closed_at": datetime.now(timezone.utc)},
         "$push": {"outbox": {"$each": events}}, "$inc": {"outbox_pending": len(events)}})
    if done.matched_count != 1:
        raise ApiError(409, "Có phiếu vừa được gửi hoặc cuộc lấy phiếu vừa kết thúc, vui lòng thử lại / "
                            "a ballot just arrived or the vote just closed, retry", code="conflict")
    note_staged(ConfidenceVote, [vote.id])
    return find_vote(principal, vote_id)
