"""Early warning for HR (cảnh báo sớm, PRODUCT §3.5): a unit's flags (the province's for province
HR), red first, each with its light, probability and reasons; one flag's page, where the unit's HR
acknowledges it, assigns an intervention (kèm cặp with a named mentor, a course, rotation, closer
review), records its outcome, or says the flag was not useful. Everything goes through the risk API
as the signed-in user."""
from __future__ import annotations

from flask import g, redirect, render_template, request, url_for

from ..api_client import api, fetch, fetch_optional
from ..forms import Field, flat_errors, to_payload
from ..i18n import N_, in_current_language, notice_of
from ..i18n import gettext as _
from ..pages import blueprint as bp
from ..web_session import login_required
from . import lookups
from .risk_labels import labels, percent, reasons

READERS = ("province_admin", "unit_hr", "auditor")
MANAGERS = ("province_admin", "unit_hr")
NOTICES = {"acknowledged": N_("Đã xác nhận cảnh báo."), "assigned": N_("Đã giao biện pháp."),
           "outcome": N_("Đã ghi nhận kết quả."), "feedback": N_("Đã ghi nhận phản hồi; phản hồi được dùng cho lần "
                                                                 "huấn luyện mô hình sau.")}
INTERVENTION_FIELDS = [Field("kind"), Field("mentor_cadre_id"), Field("course_code"), Field("note"),
                       Field("due_on", "date")]
OUTCOME_FIELDS = [Field("outcome"), Field("note"), Field("close_flag", "bool")]
MENTOR_CHOICES = 200


def _crumbs(*tail):
    return [(_("Trang chủ"), url_for("ui.home")), (_("Cảnh báo sớm"), url_for("ui.risk")), *tail]


def _rows(flags: list[dict]) -> list[dict]:
    names = lookups.unit_names()
    return [{**f, "reasons": reasons(f), "percent": percent(f["probability"]), "unit_name": names.get(f["unit_id"], "")}
            for f in flags]


@bp.get("/risk")
@login_required(*READERS)
def risk():
    unit_id = g.web_user.unit_id or request.args.get("unit_id") or None
    light = request.args.get("light") if request.args.get("light") in ("red", "amber", "green") else None
    flags = fetch("/api/v1/risk/flags", unit_id=unit_id, light=light)
    return render_template("risk/flags.html", flags=_rows(flags), unit_id=unit_id, light=light,
                           units=lookups.unit_options(), labels=labels(), breadcrumbs=_crumbs())


def _mentors(flag: dict) -> list[tuple[str, str]]:
    reply = api("GET", "/api/v1/cadres", params={"unit_id": flag["unit_id"], "per_page": MENTOR_CHOICES})
    cadres = reply.body if reply.ok and isinstance(reply.body, list) else []
    return [(c["id"], c["full_name"]) for c in cadres if c["id"] != flag["cadre_id"]]


def _page(flag_id: str, errors: dict | None = None, form: dict | None = None, status: int = 200):
    flag = fetch(f"/api/v1/risk/flags/{flag_id}")
    [row] = _rows([flag])
    acting = g.web_user.role in MANAGERS and flag["status"] != "closed"
    mentors = _mentors(flag)  # also names the mentors of past interventions
    catalogue = (fetch_optional("/api/v1/courses") or []) if acting else []
    courses = [(c["code"], f'{c["title"]} ({c["code"]})') for c in catalogue]
    return render_template("risk/flag.html", flag=row, labels=labels(), mentors=mentors, mentor_names=dict(mentors),
                           courses=courses, errors=errors or {}, form=form or {}, notice=notice_of(NOTICES),
                           may_act=g.web_user.role in MANAGERS,
                           breadcrumbs=_crumbs((flag.get("full_name") or flag["cadre_id"], None))), status


@bp.get("/risk/flags/<flag_id>")
@login_required(*READERS)
def risk_flag(flag_id):
    return _page(flag_id)


def _after(flag_id: str, reply, notice: str, form: dict | None = None):
    """Back to the flag with a notice, or the same page with what the service refused."""
    if reply.ok:
        return redirect(url_for("ui.risk_flag", flag_id=flag_id, notice=notice))
    if reply.status in (403, 404):
        return _page(flag_id, {"": [_("Bạn không có quyền thực hiện thao tác này.")]}, form, reply.status)
    error = reply.body.get("error", {}) if isinstance(reply.body, dict) else {}
    errors = flat_errors(error.get("fields")) or {"": [in_current_language(error.get("message"))]}
    return _page(flag_id, errors, form, 422 if reply.status < 500 else reply.status)


@bp.post("/risk/flags/<flag_id>/acknowledge")
@login_required(*MANAGERS)
def risk_flag_acknowledge(flag_id):
    return _after(flag_id, api("POST", f"/api/v1/risk/flags/{flag_id}/acknowledge"), "acknowledged")


@bp.post("/risk/flags/<flag_id>/interventions")
@login_required(*MANAGERS)
def risk_flag_intervene(flag_id):
    payload, errors = to_payload(request.form, INTERVENTION_FIELDS)
    if errors:
        return _page(flag_id, errors, request.form, 422)
    if payload.get("kind") != "mentoring":
        payload.pop("mentor_cadre_id", None)  # the mentor list is only for kèm cặp
    if payload.get("kind") != "training":
        payload.pop("course_code", None)      # and the course list only for a training
    return _after(flag_id, api("POST", f"/api/v1/risk/flags/{flag_id}/interventions", json=payload), "assigned",
                  request.form)


@bp.post("/risk/flags/<flag_id>/interventions/<intervention_id>/outcome")
@login_required(*MANAGERS)
def risk_flag_outcome(flag_id, intervention_id):
    payload, _errors = to_payload(request.form, OUTCOME_FIELDS)
    reply = api("POST", f"/api/v1/risk/flags/{flag_id}/interventions/{intervention_id}/outcome", json=payload)
    return _after(flag_id, reply, "outcome", request.form)


@bp.post("/risk/flags/<flag_id>/feedback")
@login_required(*MANAGERS)
def risk_flag_feedback(flag_id):
    payload, _errors = to_payload(request.form, [Field("comment")])
    return _after(flag_id, api("POST", f"/api/v1/risk/flags/{flag_id}/feedback", json=payload), "feedback",
                  request.form)
