"""The year page for province HR (xếp loại cuối năm, issue 13): whether every quarter is closed and the
year with it, closing the year (a job the page reports on), and per commune the year-end
classification at a glance — counts per level with a chart, the excellent quota per task group,
approval — with the unit's list as XLSX or PDF for the minutes of its meeting."""
from __future__ import annotations

from flask import Response, abort, g, redirect, render_template, request, url_for

from cadre_shared.clock import vietnam_now

from ..api_client import api, fetch, fetch_optional
from ..charts import stacked
from ..i18n import N_, notice_of
from ..i18n import gettext as _
from ..pages import blueprint as bp
from ..web_session import login_required

READERS = ("province_admin", "unit_hr", "auditor")
# The levels of the API, best first, with their names and chart tones.
LEVELS = (("excellent", N_("Hoàn thành xuất sắc"), "green"), ("good", N_("Hoàn thành tốt"), "blue"),
          ("completed", N_("Hoàn thành"), "amber"), ("not_completed", N_("Không hoàn thành"), "red"))
NOTICES = {"closing": N_("Đã yêu cầu khóa năm. Việc chạy nền đang lập kết quả cuối năm; tải lại trang để xem tiến độ.")}


def level_chart(units: list[dict], year: int):
    """One stacked bar per commune with a proposal: its cadres by final level."""
    rows = [u for u in units if u["classification"]]
    return stacked([u["unit_name"] for u in rows],
                   [(_(label), [u["classification"]["levels"][code] for u in rows]) for code, label, _t in LEVELS],
                   _("Xếp loại cuối năm {year} theo đơn vị", year=year), label_header=_("Đơn vị"),
                   tones=[tone for _c, _l, tone in LEVELS])


def _page(year: int, error: str | None = None, confirm: bool = False, status: int = 200):
    state = fetch(f"/api/v1/years/{year}")
    units = fetch(f"/api/v1/years/{year}/units") if state["status"] == "closed" else []
    return render_template(
        "evaluation/year.html", year=year, state=state, units=units, chart=level_chart(units, year),
        levels=[(code, _(label)) for code, label, _t in LEVELS], error=error, confirm=confirm,
        can_close=g.web_user.role == "province_admin", notice=notice_of(NOTICES),
        breadcrumbs=[(_("Trang chủ"), url_for("ui.home")), (_("Xếp loại cuối năm {year}", year=year), None)]), status


def my_year_result(cadre_id: str) -> dict | None:
    """The /me page's year-end result: the year asked for (``?year=``, as a notification links it), else
    this year's, else last year's (early in a year, the one just closed)."""
    asked = request.args.get("year", "")
    years = [int(asked)] if asked.isdigit() and 2000 <= int(asked) <= 2100 else \
        [vietnam_now().year, vietnam_now().year - 1]
    for year in years:
        found = fetch_optional(f"/api/v1/cadres/{cadre_id}/year-result", year=year)
        if found:
            return found
    return None


@bp.get("/evaluation/years")
@login_required(*READERS)
def year_results_now():
    return redirect(url_for("ui.year_results", year=vietnam_now().year))


@bp.route("/evaluation/years/<int:year>", methods=["GET", "POST"])
@login_required(*READERS)
def year_results(year: int):
    if not 2000 <= year <= 2100:
        abort(404)
    if request.method == "GET":
        return _page(year)
    if g.web_user.role != "province_admin":
        abort(403)
    confirm = request.form.get("confirm_open_quarters") == "1"
    reply = api("POST", f"/api/v1/years/{year}/close", json={"confirm_open_quarters": confirm})
    if reply.status == 409:
        return _page(year, error=reply.body["error"]["message"], confirm=confirm, status=409)
    if not reply.ok:
        abort(reply.status if reply.status in (403, 404) else 502)
    return redirect(url_for("ui.year_results", year=year, notice="closing"))


@bp.get("/evaluation/years/<int:year>/units/<unit_id>/export.<kind>")
@login_required(*READERS)
def year_results_export(year: int, unit_id: str, kind: str):
    """The unit's year-end classification as XLSX or PDF, from the evaluation service, handed on as it came."""
    if kind not in ("xlsx", "pdf"):
        abort(404)
    reply = api("GET", f"/api/v1/exports/classification.{kind}", params={"year": year, "unit_id": unit_id},
                timeout=120)
    if reply.status in (403, 404):
        abort(reply.status)
    if not reply.ok:
        abort(502 if reply.status < 500 else reply.status)
    response = Response(reply.content, mimetype=reply.headers.get("Content-Type"))
    response.headers["Content-Disposition"] = reply.headers.get("Content-Disposition", "attachment")
    response.headers["Cache-Control"] = "private, no-store"
    return response
