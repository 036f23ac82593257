"""The period's long work runs as a job, never inside a request: the request writes the period's
new state with its event (``period.opened``, ``period.closing_requested``), the evaluation
service's own consumer (consumers.PERIOD_JOBS) runs the job, and the job's progress is kept on the
period, which the period page polls. A job that stopped (a restart) runs again when its event is
delivered again; each step is written once."""
from __future__ import annotations

import logging

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError
from cadre_shared.jobs import run_job

from ...common.events import event, update_where
from ...common.ids import utcnow
from ...registry import queries as registry
from ..domain.periods import CLOSED, CLOSING, OPEN
from ..models.periods import Period
from .closing import freeze_period
from .periods import ensure_year_open, find_period, new_job, set_job
from .progress import open_unit_round

log = logging.getLogger(__name__)


def request_close(principal: Principal, period_id: str) -> Period:
    """Open → closing, with the closing job queued; the answer is the period with its job (202).
    Asking again while it runs answers the same job; after a failed job, a new one is queued."""
    period = find_period(period_id)
    if period.status == CLOSED:
        raise ApiError(409, f"Kỳ đánh giá {period.code} đã khóa / period {period.code} is already closed",
                       code="period_closed")
    ensure_year_open(period.year, period.code)
    job = period.job or {}
    if period.status == CLOSING and job.get("kind") == "close" and job.get("status") != "failed":
        return period
    job = new_job("close")
    # conditional on the status read: two requests at once queue one job (periods are few documents)
    update_where(Period, {"_id": period.id, "status": period.status},
                          {"$set": {"status": CLOSING, "closed_by": principal.username, "job": job}},
                          [event("period.closing_requested", period.id, {
                              "period_id": period.id, "code": period.code, "job_id": job["id"],
                              "requested_by": principal.username})])
    return find_period(period_id)


def _run(period: Period, kind: str, work, done_events: tuple[dict, ...] = ()) -> None:
    run_job(period.job, kind, lambda job, events=(), **changes: set_job(period.id, job, events, **changes), work,
            done_events)


def open_round(period: Period) -> None:
    """Tell every unit's raters what to rate (one round document per unit, with its notification)."""
    def work(progress):
        units = registry.units_in_scope(None)
        for done, unit in enumerate(units, start=1):
            if period.status == OPEN:
                open_unit_round(period, unit.id)
            progress(done, len(units))
    _run(period, "open", work)


def close(period: Period) -> None:
    def work(progress):
        scores = freeze_period(period.code, progress)
        return {"status": CLOSED, "closed_at": utcnow(), "scores": scores}
    # told once the job is done: the early warning assesses every cadre with the new scores
    _run(period, "close", work, (event("period.closed", period.id, {"period_id": period.id, "code": period.code}),))


def apply_period_event(envelope: dict) -> None:
    """The consumer's handler of ``evaluation.periods.v1``."""
    payload = envelope["payload"]
    period = Period.objects(id=payload["period_id"]).exclude("outbox").first()
    if period is None:
        log.warning("period %s of a %s event is unknown", payload["period_id"], envelope["type"])
        return
    if envelope["type"] == "period.opened":
        open_round(period)
    elif envelope["type"] == "period.closing_requested" and (period.job or {}).get("id") == payload["job_id"]:
        close(period)
