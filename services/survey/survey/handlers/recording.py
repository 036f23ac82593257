"""Recording a citizen response exactly once, whatever the network does.

Acceptance is one atomic insert into ``responses``: its unique indexes refuse a second
response id or a second answer for a dossier. The ``response.recorded`` event is written to
the response's outbox *before* that insert, so no stored response ever lacks its event; the
relay publishes the event only once the response with the same content is stored (see
``ResponseOutbox``), and one whose response was refused is removed at once. A re-send of
the same id with the same content re-stages the event (idempotent downstream) and answers
what was stored; with other content it is refused.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from mongoengine.errors import NotUniqueError
from pymongo.errors import DuplicateKeyError

from cadre_shared.auth import Principal
from cadre_shared.envelope import make_event
from cadre_shared.errors import ApiError

from ..domain.burst import burst_verdict
from ..domain.forms import indicator_errors
from ..domain.periods import periods_of
from ..domain.receipts import receipt_mismatches
from ..domain.responses import (content_hash, dossier_key, effective_answer_time, normalize_dossier_code,
                                redact_personal_numbers)
from ..models import CadreCopy, KioskActivity, Response, ResponseOutbox, SuspectCase
from . import forms, settings

PRODUCER = "survey"
BURST_REASON = "Nhiều lượt đánh giá liên tiếp từ một ki-ốt / burst of answers from one kiosk"


@dataclass(frozen=True)
class Recorded:
    response: Response
    created: bool


def record_response(principal: Principal, data: dict, receipt: dict | None,
                    now: datetime | None = None) -> Recorded:
    now = _to_millis(now or datetime.now(timezone.utc))
    unit_id = principal.unit_id
    fingerprint = content_hash(unit_id, _content(data))
    try:
        form = _validate(principal, data, receipt)
    except ApiError:
        # a re-send of something stored before (e.g. the official has since moved) is still a replay
        stored = Response.objects(id=str(data["response_id"])).first()
        if stored is not None and stored.content_hash == fingerprint:
            return _replay(stored)
        raise
    answered_at = effective_answer_time(data.get("answered_at") and _to_millis(data["answered_at"]), now)
    quarter, month = periods_of(answered_at)
    activity = _kiosk_activity(principal.kiosk_id) if principal.kiosk_id else None
    suspect = principal.kiosk_id is not None and _is_burst(activity, answered_at)
    response = Response(
        id=str(data["response_id"]), content_hash=fingerprint,
        dossier_key=dossier_key(unit_id, data["dossier_code"], settings.dossier_pepper()),
        unit_id=unit_id, cadre_id=data["cadre_id"], kiosk_id=principal.kiosk_id,
        channel="kiosk" if principal.kiosk_id else "receipt",
        procedure_code=(receipt or {}).get("procedure_code") or data.get("procedure_code"),
        form_code=form.code, form_version=form.version, overall=data["overall"],
        indicators=data.get("indicators") or {}, comment=redact_personal_numbers(data.get("comment")),
        answered_at=answered_at, received_at=now, quarter=quarter, month=month,
        suspect=suspect, suspect_reason=BURST_REASON if suspect else None,
    )
    staged = _stage_event(response)
    try:
        response.save(force_insert=True)
    except NotUniqueError:
        stored = Response.objects(id=response.id).first()
        if stored is None or stored.content_hash != fingerprint:
            if staged:
                _unstage_event(response)
        if stored is None:
            raise ApiError(409, "Hồ sơ này đã được đánh giá / This dossier has already been rated",
                           {"dossier_code": ["Hồ sơ đã được đánh giá / already rated"]},
                           code="dossier_already_rated") from None
        if stored.content_hash != fingerprint:
            raise ApiError(409, "Mã phản hồi đã dùng cho một nội dung khác / response_id already used with "
                                "other content", {"response_id": ["Đã dùng / already used"]},
                           code="response_conflict") from None
        return _replay(stored)
    _stage_suspect_case(response)
    if principal.kiosk_id:
        _remember_answer(principal.kiosk_id, answered_at, activity)
    return Recorded(response, created=True)


def _content(data: dict) -> dict:
    answered_at = data.get("answered_at")
    return {
        "dossier_code": normalize_dossier_code(data["dossier_code"]),
        "cadre_id": data["cadre_id"],
        "overall": data["overall"],
        "indicators": data.get("indicators") or {},
        "comment": data.get("comment"),
        "procedure_code": data.get("procedure_code"),
        "form_version": data.get("form_version"),
        "answered_at": answered_at.astimezone(timezone.utc).isoformat() if answered_at else None,
    }


def _validate(principal: Principal, data: dict, receipt: dict | None):
    if receipt is not None:
        mismatches = receipt_mismatches(receipt, data["cadre_id"], data["dossier_code"])
        if mismatches:
            raise ApiError(422, fields=mismatches)
    cadre = CadreCopy.objects(id=data["cadre_id"]).first()
    if cadre is None or cadre.status != "active":
        raise ApiError(422, fields={"cadre_id": ["Không có cán bộ này / unknown official"]})
    if cadre.unit_id != principal.unit_id:
        raise ApiError(422, fields={"cadre_id": ["Cán bộ không thuộc đơn vị của ki-ốt này / official is not "
                                                 "in this kiosk's unit"]})
    form = forms.answered_form(data.get("form_version"))
    errors = indicator_errors(form.indicator_keys, data.get("indicators") or {})
    if errors:
        raise ApiError(422, fields={"indicators": errors})
    return form


def _replay(stored: Response) -> Recorded:
    _stage_event(stored)
    _stage_suspect_case(stored)
    return Recorded(stored, created=False)


def _stage_event(response: Response, attempts: int = 5) -> bool:
    """Write the response's ``response.recorded`` event to its outbox; True when this call
    wrote it. An outbox already waiting under this id has its time refreshed, so the relay
    cannot drop it as an orphan while this request stores (or replays) the response; an event
    re-staged after publication is absorbed downstream (facts keyed by response id)."""
    collection = ResponseOutbox._get_collection()
    for _ in range(attempts):
        outbox = ResponseOutbox(id=response.id, content_hash=response.content_hash,
                                staged_at=_to_millis(datetime.now(timezone.utc)))
        outbox.stage_event(make_event("response.recorded", 1, response.cadre_id, recorded_payload(response),
                                      PRODUCER))
        try:
            outbox.save(force_insert=True)
            return True
        except NotUniqueError:
            if collection.update_one({"_id": response.id}, {"$set": {"staged_at": outbox.staged_at}}).matched_count:
                return False  # still waiting for the relay
            # the relay removed it between the two writes: write it again
    raise ApiError(503, "Máy chủ đang bận, vui lòng gửi lại / busy, please send again", code="busy")


def _unstage_event(response: Response) -> None:
    """Remove the event this request staged for a response that was then refused."""
    ResponseOutbox._get_collection().delete_one({"_id": response.id, "content_hash": response.content_hash})


def _stage_suspect_case(response: Response) -> None:
    """A response held as suspect gets its case for HR, once (keyed by the response id)."""
    if not response.suspect:
        return
    try:
        SuspectCase(id=response.id, reason=response.suspect_reason, unit_id=response.unit_id,
                    cadre_id=response.cadre_id, kiosk_id=response.kiosk_id,
                    procedure_code=response.procedure_code, overall=response.overall,
                    indicators=response.indicators, comment=response.comment,
                    answered_at=response.answered_at, quarter=response.quarter,
                    month=response.month).save(force_insert=True)
    except NotUniqueError:
        pass  # never overwrite a decision already taken


def recorded_payload(response: Response) -> dict:
    return {
        "response_id": response.id, "cadre_id": response.cadre_id, "unit_id": response.unit_id,
        "kiosk_id": response.kiosk_id, "procedure_code": response.procedure_code, "overall": response.overall,
        "indicators": dict(response.indicators or {}), "quarter": response.quarter, "month": response.month,
        "submitted_at": _aware(response.answered_at).isoformat(), "counted": not response.suspect,
    }


def _to_millis(moment: datetime) -> datetime:
    """The store keeps milliseconds; answering with what will be read back keeps replays identical."""
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _kiosk_activity(kiosk_id: str) -> dict | None:
    """The kiosk's recent answer times and their revision (None before its first answer)."""
    return KioskActivity._get_collection().find_one({"_id": kiosk_id})


def _is_burst(activity: dict | None, answered_at: datetime) -> bool:
    suspect, _ = burst_verdict(list(activity["recent"]) if activity else [], answered_at.timestamp(),
                               settings.burst_policy())
    return suspect


def _remember_answer(kiosk_id: str, answered_at: datetime, activity: dict | None, attempts: int = 5) -> None:
    """Add the answer's time to the kiosk's recent times (optimistic: ``activity`` is what was read
    before the answer was stored; read again and retried when another request changed it)."""
    collection = KioskActivity._get_collection()
    for attempt in range(attempts):
        if attempt:
            activity = collection.find_one({"_id": kiosk_id})
        recent, rev = (activity["recent"], activity["rev"]) if activity else ([], None)
        _, kept = burst_verdict(recent, answered_at.timestamp(), settings.burst_policy())
        if rev is None:
            try:
                collection.insert_one({"_id": kiosk_id, "recent": kept, "rev": 1})
                return
            except DuplicateKeyError:  # another request created it first; read again
                continue
        if collection.update_one({"_id": kiosk_id, "rev": rev}, {"$set": {"recent": kept, "rev": rev + 1}}
                                 ).matched_count == 1:
            return
