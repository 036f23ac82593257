"""Recording a citizen response exactly once, whatever the network does.

Acceptance is one atomic insert into ``responses``: its unique indexes refuse a second
response id or a second answer for a dossier. The ``response.recorded`` event is written to
the response's outbox *before* that insert, so no stored response ever lacks its event; the
relay publishes the event only once the response with the same content is stored (see
``ResponseOutbox``), and one whose response was refused is removed at once. A re-send of
the same id with the same content re-stages the event (idempotent downstream) and answers
what was stored; with other content it is refused.

No answer a kiosk was told to drop may have been accepted, and none it keeps may be lost:
- an answer is checked against the official's unit and status *when it was given*
  (``domain.postings``): a queued answer for an official who moved since still counts;
- a conflict on insert answers 409 only once the answer holding the id or the dossier has been
  read; while it is not readable yet the kiosk is told to send again (503 + Retry-After);
- a carrier left under the same id by another content never takes the place of the stored
  answer's own event: once the answer is stored, its carrier replaces any other.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from mongoengine.errors import NotUniqueError

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError

from ..domain.forms import indicator_errors
from ..domain.periods import periods_of
from ..domain.postings import post_at
from ..domain.receipts import receipt_mismatches
from ..domain.responses import (content_hash, dossier_key, effective_answer_time, normalize_dossier_code,
                                redact_personal_numbers)
from ..models import Response, SuspectCase
from . import answer_batch, figures, forms, settings
from .cadre_cache import cadre_state
from .kiosk_activity import admit, forget_time
from .response_carrier import SEND_AGAIN, carrier_of, stage_event, to_millis, unstage_event

BURST_REASON = "Nhiều lượt đánh giá liên tiếp từ một ki-ốt / burst of answers from one kiosk"


@dataclass(frozen=True)
class Recorded:
    response: Response
    created: bool


def record_response(principal: Principal, data: dict, receipt: dict | None,
                    now: datetime | None = None) -> Recorded:
    now = to_millis(now or datetime.now(timezone.utc))
    unit_id = principal.unit_id
    fingerprint = content_hash(unit_id, _content(data))
    answered_at = effective_answer_time(data.get("answered_at") and to_millis(data["answered_at"]), now)
    try:
        form = _validate(principal, data, receipt, answered_at)
    except ApiError:
        admit(principal.kiosk_id, principal.kiosk_rate, None)  # a refused request counts too (429 beyond)
        # a re-send of something stored before (e.g. the official has since moved) is still a replay
        stored = Response.objects(id=str(data["response_id"])).first()
        if stored is not None and stored.content_hash == fingerprint:
            return _replay(stored)
        raise
    suspect = admit(principal.kiosk_id, principal.kiosk_rate, answered_at)  # counted and judged: one write
    response = new_response(principal, data, receipt, form, fingerprint, answered_at, now, suspect)
    stored = False
    try:
        outcome = answer_batch.store(carrier_of(response), response)
        if outcome == answer_batch.ANSWER_TAKEN:
            return _after_conflict(response, staged=True)
        staged = outcome == answer_batch.STORED
        if not staged:  # a carrier is already under this id: one by one, as a re-send needs
            staged = stage_event(response)
            try:
                response.save(force_insert=True)
            except NotUniqueError:
                return _after_conflict(response, staged)
            figures.answers_stored()
        stored = True
    finally:
        if not stored and principal.kiosk_id:  # refused, replayed or failed: not one more answer
            forget_time(principal.kiosk_id, answered_at)
    if not staged:  # a carrier of other content held the id: the stored answer's own event replaces it
        stage_event(response, replace_other=True)
    stage_suspect_case(response)
    return Recorded(response, created=True)


def checked_response(principal: Principal, data: dict, now: datetime, suspect: bool) -> Response:
    """The unsaved answer a kiosk gives at ``data["answered_at"]``, received at ``now``, validated as
    ``record_response`` does (the demo's seeding door stores many at once: handlers/seeding.py)."""
    now = to_millis(now)
    answered_at = effective_answer_time(data.get("answered_at") and to_millis(data["answered_at"]), now)
    form = _validate(principal, data, None, answered_at)
    return new_response(principal, data, None, form, content_hash(principal.unit_id, _content(data)), answered_at,
                        now, suspect)


def new_response(principal: Principal, data: dict, receipt: dict | None, form, fingerprint: str,
                 answered_at: datetime, now: datetime, suspect: bool) -> Response:
    quarter, month = periods_of(answered_at)
    unit_id = principal.unit_id
    return Response(
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


def _after_conflict(response: Response, staged: bool) -> Recorded:
    """The insert met a stored answer with the same id or for the same dossier: a replay (200), a
    conflict (409) — or, while that answer cannot be read yet, "send again" (503), never 409
    for an answer that may turn out to be this very one."""
    stored = Response.objects(id=response.id).first()
    if stored is None:
        holder = Response.objects(dossier_key=response.dossier_key).only("id").first()
        if holder is None or holder.id == response.id:
            raise ApiError(503, SEND_AGAIN, code="answer_not_readable_yet", retry_after=1)
        if staged:
            unstage_event(response)
        raise ApiError(409, "Hồ sơ này đã được đánh giá / This dossier has already been rated",
                       {"dossier_code": ["Hồ sơ đã được đánh giá / already rated"]}, code="dossier_already_rated")
    if stored.content_hash != response.content_hash:
        if staged:
            unstage_event(response)
        raise ApiError(409, "Mã phản hồi đã dùng cho một nội dung khác / response_id already used with "
                            "other content", {"response_id": ["Đã dùng / already used"]}, code="response_conflict")
    return _replay(stored)


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


def _validate(principal: Principal, data: dict, receipt: dict | None, answered_at: datetime):
    if receipt is not None:
        mismatches = receipt_mismatches(receipt, data["cadre_id"], data["dossier_code"])
        if mismatches:
            raise ApiError(422, fields=mismatches)
    cadre = cadre_state(data["cadre_id"])
    unit_then, status_then = post_at(cadre.posts, (cadre.unit_id, cadre.status), answered_at) if cadre else (None, None)
    if cadre is None or status_then != "active":
        raise ApiError(422, fields={"cadre_id": ["Không có cán bộ này / unknown official"]})
    if unit_then != principal.unit_id:
        raise ApiError(422, fields={"cadre_id": ["Cán bộ không thuộc đơn vị của ki-ốt này / official is not "
                                                 "in this kiosk's unit"]})
    form = forms.answered_form(data.get("form_version"))
    errors = indicator_errors(form.indicator_keys, data.get("indicators") or {})
    if errors:
        raise ApiError(422, fields={"indicators": errors})
    return form


def _replay(stored: Response) -> Recorded:
    stage_event(stored, replace_other=True)
    stage_suspect_case(stored)
    return Recorded(stored, created=False)


def stage_suspect_case(response: Response) -> None:
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
