"""The resolution targets scorecard (bảng theo dõi chỉ tiêu nghị quyết, PRODUCT.md §3.6): every
target of the resolution for the province and each commune, the figure beside its target, the
trend over the last closed periods (table and chart), and the page as XLSX or PDF for a meeting."""
from __future__ import annotations

from flask import g, render_template, request, url_for

from ..api_client import fetch
from ..charts import bars, trend
from ..i18n import N_
from ..i18n import gettext as _
from ..pages import blueprint as bp
from ..web_session import login_required
from . import lookups
from .satisfaction import period_label

READERS = ("province_admin", "unit_hr", "auditor")
TREND_PERIODS = 4
# Each target's short name for the columns of the per-commune table and the trend chart's legend.
SHORT_NAMES = {
    "discipline_violations": N_("Bị kỷ luật"),
    "key_cadres_meet_standard": N_("Chủ chốt đạt chuẩn"),
    "women_in_standing_committee": N_("Nữ trong thường vụ"),
    "key_titles_non_local": N_("Chức danh không là người địa phương"),
    "good_or_better": N_("Hoàn thành tốt trở lên"),
    "below_standard_leaders_replaced": N_("Lãnh đạo không đạt được thay thế"),
    "digital_skills": N_("Đạt chuẩn kỹ năng số"),
    "key_cadres_trained": N_("Chủ chốt được bồi dưỡng"),
    "citizen_satisfaction": N_("Hài lòng của người dân"),
}
VERDICTS = {True: (N_("Đạt"), "done"), False: (N_("Chưa đạt"), "overdue"), None: (N_("Chưa đủ dữ liệu"), "not_due")}


def shown(figure: dict) -> str:
    """A figure as the page writes it (the exports hold the same number): 91.5% or a head count."""
    if figure["value"] is None:
        return "—"
    if figure["kind"] == "count":
        return str(int(figure["value"]))
    return f"{round(100 * figure['value'], 1):g}%"


def closed_periods() -> list[dict]:
    """Closed periods, newest first."""
    return sorted((p for p in fetch("/api/v1/periods") if p["status"] == "closed"),
                  key=lambda p: p["ends_on"], reverse=True)


def scope_figures(card: dict) -> list[dict]:
    return card["province"] if card["province"] is not None else (card["units"][0]["figures"] if card["units"] else [])


def _trend(periods: list[dict], chosen: str, unit_id: str | None, card: dict) -> tuple[list[str], dict[str, list]]:
    """The scope's figures over the closed periods up to the chosen one, oldest first (``card``: the
    chosen period's, already read for the page: not asked for twice)."""
    codes = [p["code"] for p in periods]
    start = codes.index(chosen) if chosen in codes else 0
    window = list(reversed(codes[start:start + TREND_PERIODS]))
    cards = [card if code == chosen else fetch("/api/v1/scorecard", period=code, unit_id=unit_id) for code in window]
    figures: dict[str, list] = {}
    for card in cards:
        for figure in scope_figures(card):
            figures.setdefault(figure["key"], []).append(figure)
    return window, figures


def _trend_chart(window: list[str], figures: dict[str, list], scope: str):
    shares = [(_(SHORT_NAMES[key]), [None if f["value"] is None else round(100 * f["value"], 1) for f in items])
              for key, items in figures.items() if items and items[0]["kind"] == "share"]
    return trend([period_label(code) for code in window], shares, _("Chỉ tiêu qua các kỳ — {scope}", scope=scope),
                 unit="%", max_value=100)


@bp.get("/scorecard")
@login_required(*READERS)
def scorecard():
    unit_id = g.web_user.unit_id or request.args.get("unit_id") or None
    periods = closed_periods()
    chosen = request.args.get("period") or (periods[0]["code"] if periods else None)
    card = fetch("/api/v1/scorecard", period=chosen, unit_id=unit_id) if chosen else None
    scope = card["units"][0]["name"] if card and unit_id and card["units"] else _("Toàn tỉnh")
    window, history = _trend(periods, chosen, unit_id, card) if card else ([], {})
    by_unit = None
    if card and card["province"] is not None:
        by_unit = bars([(u["name"], None if f["value"] is None else round(100 * f["value"], 1))
                        for u in card["units"] for f in u["figures"] if f["key"] == "good_or_better"],
                       _("Tỷ lệ cán bộ hoàn thành tốt nhiệm vụ trở lên theo đơn vị"), label_header=_("Đơn vị"),
                       value_header=_("Hoàn thành tốt trở lên"), unit="%", max_value=100)
    return render_template(
        "scorecard/scorecard.html", card=card, figures=scope_figures(card) if card else [], scope=scope,
        unit_id=unit_id, chosen=chosen, periods=[(p["code"], period_label(p["code"])) for p in periods],
        window=[period_label(code) for code in window], history=history, shown=shown, verdicts=VERDICTS,
        short_names=SHORT_NAMES, units=lookups.unit_options() if not g.web_user.unit_id else [],
        trend_chart=_trend_chart(window, history, scope) if card else None, by_unit=by_unit,
        breadcrumbs=[(_("Trang chủ"), url_for("ui.home")), (_("Chỉ tiêu nghị quyết"), None)])
