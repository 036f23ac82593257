"""A delegate's ballot, without sign-in: the code is checked by computing the vote's codes, marked
used as a keyed hash in its own collection, and the answers only raise the vote's tallies — no
record holds a code and an answer together (domain.ballots)."""
from __future__ import annotations

from mongoengine.errors import NotUniqueError
from pymongo.errors import DuplicateKeyError

from cadre_shared.errors import ApiError

from ..domain.ballots import answers_problems, is_ballot_code, normalise, used_code_id
from ..models import ConfidenceVote, UsedCode, VoteRef

UNKNOWN = "Mã phiếu không đúng / Unknown ballot code"
USED = "Mã phiếu này đã được dùng / This ballot code has been used"
CLOSED = "Cuộc lấy phiếu đã kết thúc / The vote is closed"


def _vote_of(code: str, key: bytes, vote_id: str | None = None) -> tuple[ConfidenceVote, str]:
    normal = normalise(code)
    ref = VoteRef.objects(id=normal[:4]).first() if normal else None
    vote = ConfidenceVote.objects(id=ref.vote_id).exclude("outbox").first() if ref else None
    if vote is None or (vote_id and vote.id != vote_id) or not is_ballot_code(key, vote.id, vote.ref, vote.ballots,
                                                                              normal):
        raise ApiError(422, UNKNOWN, {"code": [UNKNOWN]}, code="unknown_code")
    return vote, normal


def ballot_form(code: str, key: bytes) -> dict:
    """What the ballot shows for a valid, unused code of an open vote."""
    vote, normal = _vote_of(code, key)
    if vote.status != "open":
        raise ApiError(409, CLOSED, {"code": [CLOSED]}, code="closed")
    if UsedCode.objects(id=used_code_id(key, vote.id, normal)).first() is not None:
        raise ApiError(409, USED, {"code": [USED]}, code="used_code")
    return {"vote_id": vote.id, "unit_name": vote.unit_name, "year": vote.year, "officials": vote.officials}


def cast_ballot(vote_id: str, code: str, answers: dict, key: bytes) -> None:
    vote, normal = _vote_of(code, key, vote_id)
    if vote.status != "open":
        raise ApiError(409, CLOSED, {"code": [CLOSED]}, code="closed")
    officials = [o["cadre_id"] for o in vote.officials]
    if problems := answers_problems(answers, officials):
        raise ApiError(422, fields=problems)
    try:
        UsedCode(id=used_code_id(key, vote.id, normal)).save(force_insert=True)
    except (NotUniqueError, DuplicateKeyError):
        raise ApiError(409, USED, {"code": [USED]}, code="used_code") from None
    # A crash here loses this ballot (its code is spent, its answers not counted): never counts one twice.
    counted = ConfidenceVote._get_collection().update_one(
        {"_id": vote.id, "status": "open"},
        {"$inc": {"cast": 1, **{f"tallies.{cadre_id}.{answers[cadre_id]}": 1 for cadre_id in officials}}})
    if counted.matched_count != 1:
        raise ApiError(409, CLOSED, {"code": [CLOSED]}, code="closed")
