"""Citizen satisfaction for HR (mức độ hài lòng của người dân): per unit and official with the
distribution and the trend, the comments newest first, and the suspect queue where a person
clears or rejects held answers (each decision audited)."""
from __future__ import annotations

from flask import abort, g, redirect, render_template, request, url_for

from cadre_shared.clock import vietnam_now
from cadre_shared.periods import parse_period_code, period_codes_of

from ..pages import blueprint as bp
from ..api_client import api, fetch, fetch_optional
from ..charts import bars, trend
from ..i18n import N_, notice_of
from ..i18n import gettext as _
from ..web_session import login_required
from . import lookups

READERS = ("province_admin", "unit_hr", "auditor")
LEVELS = (("very_satisfied", N_("Rất hài lòng")), ("satisfied", N_("Hài lòng")),
          ("dissatisfied", N_("Không hài lòng")))
NOTICES = {"cleared": N_("Đã tính lượt đánh giá vào chỉ số."),
           "rejected": N_("Đã loại lượt đánh giá."),
           "decided": N_("Lượt đánh giá này đã được xử lý trước đó.")}


def current_quarter() -> str:
    return period_codes_of(vietnam_now())[0]


def period_label(code: str) -> str:
    """What a person reads for a period code of the API: 2026-Q4 → "Quý 4/2026", 2026-11 → "Tháng 11/2026"."""
    try:
        period = parse_period_code(code)
    except ValueError:
        return code
    if period.quarter:
        return _("Quý {q}/{y}", q=period.quarter, y=period.year)
    return _("Tháng {m}/{y}", m=f"{period.month:02d}", y=period.year)


def period_options(count: int = 8) -> list[tuple[str, str]]:
    """The last ``count`` quarters, then the last 12 months, newest first."""
    quarter, month = (parse_period_code(code) for code in period_codes_of(vietnam_now()))
    codes = []
    for last, how_many in ((quarter, count), (month, 12)):
        for _i in range(how_many):
            codes.append(last.code)
            last = last.previous()
    return [(code, period_label(code)) for code in codes]


def _chosen_unit() -> str | None:
    if g.web_user.unit_id:
        return g.web_user.unit_id
    return request.args.get("unit_id") or next((u["id"] for u in lookups.units() if u.get("kind") != "province"),
                                               None)


def distribution_chart(index: dict, title: str):
    return bars([(_(label), index.get(level, 0)) for level, label in LEVELS], title, label_header=_("Mức độ"),
                value_header=_("Số lượt đánh giá"))


def trend_chart(figures: dict | None, title: str):
    """The satisfaction rate over the periods, oldest first; a period with too few answers is a gap."""
    items = (figures or {}).get("items", [])
    rates = [round(100 * item["satisfaction_rate"], 1) if item.get("satisfaction_rate") is not None else None
             for item in items]
    return trend([period_label(item["period"]) for item in items], [(_("Tỷ lệ hài lòng"), rates)], title,
                 unit="%", max_value=100)


@bp.get("/satisfaction")
@login_required(*READERS)
def satisfaction():
    unit_id, period = _chosen_unit(), request.args.get("period") or current_quarter()
    if unit_id is None:
        return render_template("satisfaction/overview.html", unit=None, units=[], periods=period_options(),
                               period=period)
    unit = fetch(f"/api/v1/units/{unit_id}")
    index = fetch("/api/v1/satisfaction", unit_id=unit_id, period=period)
    officials = fetch("/api/v1/satisfaction/breakdown", unit_id=unit_id, period=period)["items"]
    trend = fetch_optional("/api/v1/satisfaction/trend", unit_id=unit_id, period=period, count=4)
    rated = [(o["name"] or o["key"], round(100 * o["satisfaction_rate"], 1)) for o in officials if o["enough"]]
    return render_template(
        "satisfaction/overview.html", unit=unit, index=index, officials=officials, period=period,
        period_name=period_label(period), periods=period_options(), units=[(u["id"], u["name"]) for u in lookups.units() if u.get("kind") != "province"],
        distribution=distribution_chart(index, _("Phân bố mức độ hài lòng — {unit}", unit=unit["name"])),
        trend=trend_chart(trend, _("Tỷ lệ hài lòng qua các kỳ — {unit}", unit=unit["name"])),
        officials_chart=bars(sorted(rated, key=lambda r: -r[1]), _("Tỷ lệ hài lòng theo cán bộ"),
                             label_header=_("Cán bộ"), value_header=_("Tỷ lệ hài lòng"), unit="%", max_value=100),
        breadcrumbs=[(_("Trang chủ"), url_for("ui.home")), (_("Hài lòng của người dân"), None)])


@bp.get("/satisfaction/cadres/<cadre_id>")
@login_required(*READERS)
def satisfaction_cadre(cadre_id):
    period = request.args.get("period") or current_quarter()
    cadre = fetch(f"/api/v1/cadres/{cadre_id}")
    index = fetch("/api/v1/satisfaction", cadre_id=cadre_id, period=period)
    trend = fetch_optional("/api/v1/satisfaction/trend", cadre_id=cadre_id, period=period, count=4)
    comments = fetch("/api/v1/responses", cadre_id=cadre_id, period=period, with_comment="true", per_page=50)
    return render_template(
        "satisfaction/cadre.html", cadre=cadre, index=index, period=period, periods=period_options(),
        comments=comments["items"],
        distribution=distribution_chart(index, _("Phân bố mức độ hài lòng — {name}", name=cadre["full_name"])),
        trend=trend_chart(trend, _("Tỷ lệ hài lòng qua các kỳ — {name}", name=cadre["full_name"])),
        breadcrumbs=[(_("Trang chủ"), url_for("ui.home")),
                     (_("Hài lòng của người dân"), url_for("ui.satisfaction", unit_id=cadre["unit_id"],
                                                          period=period)),
                     (cadre["full_name"], None)])


@bp.get("/satisfaction/comments")
@login_required(*READERS)
def satisfaction_comments():
    unit_id, period = _chosen_unit(), request.args.get("period") or current_quarter()
    overall = request.args.get("overall") or None
    page = max(1, request.args.get("page", 1, type=int))
    listing = fetch("/api/v1/responses", unit_id=unit_id, period=period, overall=overall, with_comment="true",
                    page=page, per_page=30) if unit_id else {"items": [], "total": 0}
    return render_template(
        "satisfaction/comments.html", listing=listing, period=period, periods=period_options(), overall=overall,
        unit_id=unit_id, units=[(u["id"], u["name"]) for u in lookups.units() if u.get("kind") != "province"],
        levels=[(level, _(label)) for level, label in LEVELS], page=page,
        total_pages=(listing["total"] + 29) // 30,
        breadcrumbs=[(_("Trang chủ"), url_for("ui.home")),
                     (_("Hài lòng của người dân"), url_for("ui.satisfaction", unit_id=unit_id, period=period)),
                     (_("Góp ý của người dân"), None)])


@bp.route("/satisfaction/suspects", methods=["GET", "POST"])
@login_required(*READERS)
def satisfaction_suspects():
    unit_id = _chosen_unit()
    if request.method == "POST":
        if g.web_user.role not in ("province_admin", "unit_hr"):
            abort(403)
        decision = request.form.get("decision")
        if decision not in ("clear", "reject"):
            abort(400)
        reply = api("POST", f"/api/v1/responses/{request.form.get('response_id', '')}/review",
                    json={"decision": decision, "note": (request.form.get("note") or "").strip()[:500] or None})
        if reply.status in (403, 404):
            abort(reply.status)
        notice = "decided" if reply.status == 409 else ("cleared" if decision == "clear" else "rejected")
        return redirect(url_for("ui.satisfaction_suspects", unit_id=unit_id, notice=notice))
    status = request.args.get("status") or "pending"
    queue = fetch("/api/v1/responses/suspect", unit_id=unit_id, status=status, per_page=100) if unit_id else {
        "items": [], "total": 0}
    return render_template(
        "satisfaction/suspects.html", queue=queue, status=status, unit_id=unit_id,
        units=[(u["id"], u["name"]) for u in lookups.units() if u.get("kind") != "province"],
        can_decide=g.web_user.role in ("province_admin", "unit_hr"), notice=notice_of(NOTICES),
        levels=dict(LEVELS),
        breadcrumbs=[(_("Trang chủ"), url_for("ui.home")),
                     (_("Hài lòng của người dân"), url_for("ui.satisfaction", unit_id=unit_id)),
                     (_("Đánh giá nghi vấn"), None)])
