"""Evaluation periods: open one (its ``period.opened`` event starts the job that tells every unit's
raters what to rate), find one, list them, refuse changes once one is closing or closed (closing
is ``handlers.closing``) — or once its year is: the year-end results were made from its periods."""
from __future__ import annotations

from mongoengine.errors import NotUniqueError

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError
from cadre_shared.periods import PeriodSpan

from ...common.events import event, update_where
from ...common.ids import new_id, utcnow
from ..domain.periods import CLOSED, CLOSING, accepts_changes
from ..models.periods import Period
from ..models.years import EvaluationYear

UNKNOWN = "Kỳ đánh giá chưa được mở / unknown evaluation period"
CLOSED_MESSAGE = "Kỳ đánh giá {code} đã khóa, không thể thay đổi / period {code} is closed"


def new_job(kind: str) -> dict:
    return {"id": new_id(), "kind": kind, "status": "queued", "done": 0, "total": None, "queued_at": utcnow(),
            "started_at": None, "finished_at": None, "error": None}


def ensure_year_open(year: int, code: str) -> None:
    """A period of a year whose close has started no longer changes (no new period, no closing, no
    quota decision or approval): the year-end results are made from the year's periods as they stood."""
    doc = EvaluationYear._get_collection().find_one({"_id": str(year)}, {"status": 1})
    if doc is not None and doc.get("status") in (CLOSING, CLOSED):
        raise ApiError(409, f"Năm {year} đã khóa (kết quả cuối năm đã lập): kỳ {code} không thể mở, khóa hay thay "
                            f"đổi xếp loại nữa / year {year} is closed (its year-end results are made): period {code} "
                            f"can no longer be opened, closed or reclassified", code="year_closed")


def create_period(principal: Principal, data: dict) -> Period:
    span = PeriodSpan(data["year"], data.get("quarter"), data.get("month"))
    ensure_year_open(span.year, span.code)
    due = data.get("rating_due_on")
    if due is not None and not span.starts_on <= due <= span.ends_on:
        raise ApiError(422, fields={"rating_due_on": [
            f"Trong kỳ: {span.starts_on:%d/%m/%Y}–{span.ends_on:%d/%m/%Y} / within the period"]})
    period = Period(code=span.code, year=span.year, quarter=span.quarter, month=span.month,
                    starts_on=span.starts_on, ends_on=span.ends_on, rating_due_on=due,
                    created_by=principal.username, job=new_job("open"))
    period.stage_event(event("period.opened", period.id, {
        "period_id": period.id, "code": span.code, "starts_on": span.starts_on.isoformat(),
        "ends_on": span.ends_on.isoformat(), "rating_due_on": due.isoformat() if due else None}))
    try:
        period.save(force_insert=True)
    except NotUniqueError:
        field = "quarter" if span.quarter else "month"
        raise ApiError(409, f"Kỳ đánh giá {span.code} đã có / period {span.code} already exists",
                       {field: ["Kỳ đánh giá đã có / already exists"]}, code="duplicate") from None
    return period


def find_period(period_id: str) -> Period:
    period = Period.objects(id=period_id).exclude("outbox").first()
    if period is None:
        raise ApiError(404, "Không tìm thấy kỳ đánh giá / period not found")
    return period


def period_by_code(code: str, field: str = "period") -> Period:
    """The period a request names by code; an unknown one is a 422 on ``field``. (Periods are a
    few dozen documents: finding one by its code reads them all, which stays cheap.)"""
    period = Period.objects(code=code).exclude("outbox").first()
    if period is None:
        raise ApiError(422, fields={field: [UNKNOWN]})
    return period


def ensure_open(period: Period) -> Period:
    if not accepts_changes(period.status):
        raise ApiError(409, CLOSED_MESSAGE.format(code=period.code), code="period_closed")
    return period


def list_periods(query: dict) -> list[Period]:
    periods = Period.objects.exclude("outbox")
    for name in ("year", "status"):
        if query.get(name) is not None:
            periods = periods.filter(**{name: query[name]})
    return list(periods.order_by("-starts_on", "code"))


def set_job(period_id: str, job: dict, events: tuple[dict, ...] = (), **changes) -> bool:
    """Write the job's state in full (a lost write is repaired by the next), with ``events``; only
    while the period's job is still this one (the period collection is small, so the condition
    costs little)."""
    return update_where(Period, {"_id": period_id, "job.id": job["id"]}, {"$set": {"job": job, **changes}},
                        list(events))
