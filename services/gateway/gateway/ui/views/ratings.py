"""The signed-in cadre's 360 round (/ratings): their self-assessment and each colleague they are
asked to rate, three marks 0–10 on the index groups of PRODUCT.md §3.2, saved per person and
editable until the period closes. Notifications open it as ``/ratings?period=<code>``."""
from __future__ import annotations

from flask import g, redirect, render_template, request, url_for

from ..pages import blueprint as bp
from ..api_client import api, fetch
from ..forms import Field, flat_errors, to_payload
from ..i18n import N_, notice_of
from ..i18n import gettext as _
from ..web_session import login_required
from .appraisal_labels import INDICES, names
from .satisfaction import period_label

MARKS = [Field(index, "number") for index in INDICES]
NOTICES = {"saved": N_("Đã lưu đánh giá.")}


def chosen_period(periods: list[dict], asked: str | None) -> dict | None:
    """The period asked for, else the newest open one, else the newest."""
    return (next((p for p in periods if p["code"] == asked), None)
            or next((p for p in periods if p["status"] == "open"), None)
            or (periods[0] if periods else None))


def _ratings_page(code: str | None, failed: dict | None = None, status: int = 200):
    """The page; ``failed``: the one person's form that could not be saved (its values and messages)."""
    crumbs = [(_("Trang chủ"), url_for("ui.home")), (_("Đánh giá 360"), None)]
    if not g.web_user.cadre_id:
        return render_template("evaluation/ratings.html", period=None, mine=None, periods=[], no_dossier=True,
                               breadcrumbs=crumbs), status
    periods = fetch("/api/v1/periods")
    period = chosen_period(periods, code)
    mine = fetch("/api/v1/ratings/mine", period=period["code"]) if period else None
    return render_template(
        "evaluation/ratings.html", period=period, mine=mine, names=names(), failed=failed or {}, no_dossier=False,
        name=period_label(period["code"]) if period else "", notice=notice_of(NOTICES),
        periods=[(p["code"], period_label(p["code"])) for p in periods], marks=list(range(0, 11)),
        breadcrumbs=crumbs), status


@bp.get("/ratings")
@login_required("cadre")
def ratings():
    return _ratings_page(request.args.get("period"))


@bp.post("/ratings")
@login_required("cadre")
def rating_save():
    code, ratee_id = request.form.get("period", ""), request.form.get("ratee_id", "")
    scores, errors = to_payload(request.form, MARKS)
    for index in INDICES:
        if index not in scores and index not in errors:
            errors[index] = [_("Chọn điểm từ 0 đến 10")]
    general, status = [], 422
    if not errors:
        reply = api("POST", "/api/v1/ratings", json={"period": code, "ratee_id": ratee_id,
                                                     "group": request.form.get("group", ""), "scores": scores})
        if reply.ok:
            return redirect(url_for("ui.ratings", period=code, notice="saved") + f"#r-{ratee_id}")
        # the service names its fields (group, ratee_id, scores): shown as the person's message
        general = sum(flat_errors(reply.error_fields()).values(), []) or [reply.error_message()]
        status = reply.status if reply.status < 500 else 502
    return _ratings_page(code, {"ratee_id": ratee_id, "errors": errors, "general": general,
                                "values": {index: request.form.get(index, "") for index in INDICES}}, status)
