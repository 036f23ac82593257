"""Confidence votes (lấy phiếu tín nhiệm) for their organiser: create one for a unit's officials,
print its one-time codes (text and QR code, leading to /vote), close it and read each official's
result with the outcome the thresholds give."""
from __future__ import annotations

from flask import current_app, redirect, render_template, request, url_for

from ..api_client import api, fetch, fetch_optional
from ..forms import flat_errors
from ..i18n import N_, notice_of
from ..i18n import gettext as _
from ..pages import blueprint as bp
from ..qr import qr_svg
from ..web_session import login_required
from . import lookups

READERS = ("province_admin", "auditor", "unit_hr")
NOTICES = {"created": N_("Đã tạo cuộc lấy phiếu. In mã phiếu cho các đại biểu."),
           "closed": N_("Đã kết thúc cuộc lấy phiếu.")}
OUTCOMES = {"none": N_("Không phải xem xét"), "consider": N_("Cần xem xét (trên 1/2 phiếu tín nhiệm thấp)"),
            "replace": N_("Đề nghị thay thế (từ 2/3 phiếu tín nhiệm thấp)")}


def _crumbs(*tail):
    return [(_("Trang chủ"), url_for("ui.home")), (_("Lấy phiếu tín nhiệm"), url_for("ui.confidence_votes")), *tail]


def _list_page(status: int = 200, **extra):
    unit_id = request.values.get("unit_id") or ""
    officials = fetch_optional("/api/v1/cadres", unit_id=unit_id, per_page=500) if unit_id else []
    votes = fetch_optional("/api/v1/confidence-votes") or []
    return render_template("civic/confidence_votes.html", votes=votes, units=lookups.unit_options(),
                           unit_id=unit_id, officials=officials or [], values=request.form.to_dict(),
                           notice=notice_of(NOTICES), breadcrumbs=_crumbs(),
                           **{"errors": {}, "general": "", **extra}), status


@bp.get("/confidence-votes")
@login_required(*READERS)
def confidence_votes():
    return _list_page()


@bp.post("/confidence-votes")
@login_required("province_admin")
def confidence_vote_new():
    form = request.form
    payload = {"unit_id": form.get("unit_id", ""), "cadre_ids": form.getlist("cadre_ids")}
    errors = {}
    for name in ("year", "ballots"):
        try:
            payload[name] = int(form.get(name, ""))
        except ValueError:
            errors[name] = [_("Phải là số nguyên")]
    if not errors:
        reply = api("POST", "/api/v1/confidence-votes", json=payload)
        if reply.status == 201:
            return redirect(url_for("ui.confidence_vote_codes", vote_id=reply.body["id"], notice="created"))
        errors = flat_errors(reply.error_fields())
        if any(k.startswith("cadre_ids") for k in errors):
            errors["cadre_ids"] = [m for k in list(errors) if k.startswith("cadre_ids") for m in errors.pop(k)]
        return _list_page(422, errors=errors, general=reply.error_message())
    return _list_page(422, errors=errors)


@bp.get("/confidence-votes/<vote_id>")
@login_required(*READERS)
def confidence_vote(vote_id: str):
    vote = fetch(f"/api/v1/confidence-votes/{vote_id}")
    names = {o["cadre_id"]: o["full_name"] for o in vote["officials"]}
    return render_template("civic/confidence_vote.html", vote=vote, names=names, outcomes=OUTCOMES,
                           notice=notice_of(NOTICES), breadcrumbs=_crumbs((_("Năm {y}", y=vote["year"]), None)))


@bp.post("/confidence-votes/<vote_id>/close")
@login_required("province_admin")
def confidence_vote_close(vote_id: str):
    reply = api("POST", f"/api/v1/confidence-votes/{vote_id}/close")
    if reply.ok:
        return redirect(url_for("ui.confidence_vote", vote_id=vote_id, notice="closed"))
    return redirect(url_for("ui.confidence_vote", vote_id=vote_id))


@bp.get("/confidence-votes/<vote_id>/codes")
@login_required("province_admin")
def confidence_vote_codes(vote_id: str):
    sheet = fetch(f"/api/v1/confidence-votes/{vote_id}/codes")
    base = current_app.config["PUBLIC_URL"].rstrip("/") + url_for("ui.vote")
    ballots = [{"number": n, "code": code,
                "qr": qr_svg(f"{base}?code={code}", _("Mã QR của phiếu số {n}", n=n))}
               for n, code in enumerate(sheet["codes"], start=1)]
    return render_template("civic/ballot_codes.html", sheet=sheet, ballots=ballots, vote_url=base,
                           notice=notice_of(NOTICES),
                           breadcrumbs=_crumbs((_("Năm {y}", y=sheet["year"]),
                                                url_for("ui.confidence_vote", vote_id=vote_id)),
                                               (_("Mã phiếu"), None)))
