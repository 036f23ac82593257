"""Evaluation periods: open one, find one, list them, refuse changes once one is closed (closing
is ``handlers.closing``)."""
from __future__ import annotations

from mongoengine.errors import NotUniqueError

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError
from cadre_shared.periods import PeriodSpan

from ..domain.periods import accepts_changes
from ..models.periods import Period

UNKNOWN = "Kỳ đánh giá chưa được mở / unknown evaluation period"
CLOSED_MESSAGE = "Kỳ đánh giá {code} đã khóa, không thể thay đổi / period {code} is closed"


def create_period(principal: Principal, data: dict) -> Period:
    span = PeriodSpan(data["year"], data.get("quarter"), data.get("month"))
    period = Period(code=span.code, year=span.year, quarter=span.quarter, month=span.month,
                    starts_on=span.starts_on, ends_on=span.ends_on, created_by=principal.username)
    try:
        period.save(force_insert=True)
    except NotUniqueError:
        field = "quarter" if span.quarter else "month"
        raise ApiError(409, f"Kỳ đánh giá {span.code} đã có / period {span.code} already exists",
                       {field: ["Kỳ đánh giá đã có / already exists"]}, code="duplicate") from None
    return period


def find_period(period_id: str) -> Period:
    period = Period.objects(id=period_id).first()
    if period is None:
        raise ApiError(404, "Không tìm thấy kỳ đánh giá / period not found")
    return period


def period_by_code(code: str, field: str = "period") -> Period:
    """The period a request names by code; an unknown one is a 422 on ``field``."""
    period = Period.objects(code=code).first()
    if period is None:
        raise ApiError(422, fields={field: [UNKNOWN]})
    return period


def ensure_open(period: Period) -> Period:
    if not accepts_changes(period.status):
        raise ApiError(409, CLOSED_MESSAGE.format(code=period.code), code="period_closed")
    return period


def list_periods(query: dict) -> list[Period]:
    periods = Period.objects
    for name in ("year", "status"):
        if query.get(name) is not None:
            periods = periods.filter(**{name: query[name]})
    return list(periods.order_by("-starts_on", "code"))

