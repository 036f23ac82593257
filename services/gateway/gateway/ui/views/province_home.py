"""The province at a glance for the province admin's home page: the classification of the last closed
period (approved units' final levels), citizens' satisfaction over the last quarters, training
compliance of the province, and the units behind in the open period's 360 round — each a chart with
its text alternative, each from one call, and each left out (not failing the page) when its service
does not answer."""
from __future__ import annotations

from ..api_client import fetch_optional
from ..charts import bars
from ..i18n import N_
from ..i18n import gettext as _
from .satisfaction import current_quarter, period_label, trend_chart
from .training_compliance import STATUSES

LEVELS = (("excellent", N_("Hoàn thành xuất sắc nhiệm vụ")), ("good", N_("Hoàn thành tốt nhiệm vụ")),
          ("completed", N_("Hoàn thành nhiệm vụ")), ("not_completed", N_("Không hoàn thành nhiệm vụ")))
BEHIND_SHOWN = 10


def _classification(periods: list[dict]) -> dict:
    closed = sorted((p for p in periods if p["status"] == "closed"), key=lambda p: p["ends_on"], reverse=True)
    card = fetch_optional("/api/v1/scorecard", period=closed[0]["code"]) if closed else None
    if not card:
        return {"classification": None, "classification_chart": None, "scorecard": None}
    summary, label = card["classification"], period_label(card["period"])
    chart = bars([(_(name), summary["levels"][level]) for level, name in LEVELS],
                 _("Xếp loại đã phê duyệt — {period}", period=label), label_header=_("Xếp loại"),
                 value_header=_("Số cán bộ")) if summary["approved_units"] else None
    return {"classification": {**summary, "period": label, "code": card["period"]}, "classification_chart": chart,
            "scorecard": card["province"]}


def _training() -> dict:
    overview = fetch_optional("/api/v1/training/compliance/units")
    if not overview:
        return {"training_chart": None}
    totals = {code: sum(u["summary"][code] for u in overview) for code, _l, _t in STATUSES}
    return {"training_chart": bars([(_(label), totals[code]) for code, label, _t in STATUSES],
                                   _("Tình trạng bồi dưỡng toàn tỉnh"), label_header=_("Tình trạng"),
                                   value_header=_("Số yêu cầu")) if any(totals.values()) else None}


def _ratings_share(row: dict) -> float | None:
    expected = sum(c["expected"] for c in row["groups"].values())
    return round(100 * sum(c["answered"] for c in row["groups"].values()) / expected, 1) if expected else None


def _behind(periods: list[dict]) -> dict:
    """Units of the open period whose 360 round is not complete, the least advanced first."""
    current = next((p for p in sorted(periods, key=lambda p: p["ends_on"], reverse=True) if p["status"] == "open"),
                   None)
    rows = fetch_optional(f"/api/v1/periods/{current['id']}/units") if current else None
    if not rows:
        return {"behind_chart": None, "open_period": current}
    behind = sorted(((r["unit_name"], _ratings_share(r)) for r in rows
                     if _ratings_share(r) is not None and _ratings_share(r) < 100), key=lambda r: r[1])
    chart = bars(behind[:BEHIND_SHOWN], _("Đơn vị chậm tiến độ đánh giá 360 — {period}",
                                           period=period_label(current["code"])),
                 label_header=_("Đơn vị"), value_header=_("Phiếu đã trả lời"), unit="%", max_value=100)
    return {"behind_chart": chart, "behind_count": len(behind), "open_period": current}


def province_overview() -> dict:
    periods = fetch_optional("/api/v1/periods") or []
    satisfaction = fetch_optional("/api/v1/satisfaction/trend", period=current_quarter(), count=4)
    return {**_classification(periods), **_training(), **_behind(periods),
            "satisfaction_chart": trend_chart(satisfaction, _("Tỷ lệ hài lòng của người dân toàn tỉnh qua các quý"))}
