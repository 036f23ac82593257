"""Succession planning (quy hoạch cán bộ): a plan per term; for a unit, each key title with its
candidates, their eligibility and every unmet condition; adding (with an override reason when
needed) and removing with a reason; the province's shares beside the resolution's targets."""
from __future__ import annotations

from flask import g, redirect, render_template, request, url_for

from ..api_client import api, fetch, fetch_optional
from ..forms import flat_errors
from ..formatting import parse_vn_date
from ..i18n import N_, notice_of
from ..i18n import gettext as _
from ..pages import blueprint as bp
from ..web_session import login_required
from . import lookups

READERS = ("province_admin", "unit_hr", "auditor")
NOTICES = {"created": N_("Đã lập quy hoạch."), "added": N_("Đã đưa cán bộ vào quy hoạch."),
           "removed": N_("Đã đưa cán bộ ra khỏi quy hoạch.")}
SHARES = (("women", N_("Cán bộ nữ")), ("young", N_("Cán bộ trẻ")), ("trained", N_("Đã đào tạo theo chức danh")))


def _crumbs(*tail):
    return [(_("Trang chủ"), url_for("ui.home")), (_("Quy hoạch cán bộ"), url_for("ui.succession")), *tail]


def _cadre_options(unit_id: str | None) -> list[tuple[str, str]]:
    if not unit_id:
        return []
    found = fetch_optional("/api/v1/cadres", unit_id=unit_id, per_page=500) or []
    return [(c["id"], f'{c["full_name"]} ({c["code"]})') for c in found]


def _context(plan_id: str | None, unit_id: str | None, **extra) -> dict:
    plans = fetch_optional("/api/v1/succession/plans") or []
    plan_id = plan_id or (plans[0]["id"] if plans else None)
    if g.web_user.role == "unit_hr":
        unit_id = g.web_user.unit_id
    view = fetch(f"/api/v1/succession/plans/{plan_id}", unit_id=unit_id) if plan_id and unit_id else None
    summary = fetch_optional(f"/api/v1/succession/plans/{plan_id}/summary") if plan_id and not unit_id else None
    titles = (view or {}).get("titles", [])
    return {"plans": plans, "plan_options": [(p["id"], p["term"]) for p in plans], "plan_id": plan_id, "unit_id": unit_id, "view": view, "summary": summary,
            "units": lookups.unit_options(), "titles": titles, "shares": SHARES,
            "title_options": [(t["position_id"], t["title"]) for t in titles],
            "cadres": _cadre_options(unit_id) if g.web_user.role == "province_admin" else [],
            "values": {}, "errors": {}, "general": "", "problems": [], **extra}


def _page(status: int = 200, **context):
    return render_template("civic/succession.html", notice=notice_of(NOTICES), breadcrumbs=_crumbs(),
                           **context), status


@bp.get("/succession")
@login_required(*READERS)
def succession():
    return _page(**_context(request.args.get("plan"), request.args.get("unit")))


@bp.post("/succession/plans")
@login_required("province_admin")
def succession_plan_new():
    term = request.form.get("term", "").strip()
    reply = api("POST", "/api/v1/succession/plans", json={"term": term})
    if reply.status == 201:
        return redirect(url_for("ui.succession", plan=reply.body["id"], notice="created"))
    return _page(reply.status if reply.status < 500 else 502,
                 **_context(None, None, plan_errors=flat_errors(reply.error_fields()), term=term))


def _candidate_payload(form) -> tuple[dict, dict]:
    payload = {name: form.get(name, "").strip() for name in ("unit_id", "position_id", "reason")}
    payload["cadre_id"] = form.get("cadre_id", "").strip()
    errors: dict = {}
    code = form.get("cadre_code", "").strip()
    if code:  # "mở": a cadre from elsewhere in the province, by code
        found = fetch_optional("/api/v1/cadres", q=code, per_page=5) or []
        match = next((c for c in found if c["code"].lower() == code.lower()), None)
        if match is None:
            errors["cadre_code"] = [_("Không tìm thấy cán bộ có mã này")]
        else:
            payload["cadre_id"] = match["id"]
    if form.get("override_reason", "").strip():
        payload["override_reason"] = form["override_reason"].strip()
    courses = [c.strip() for c in form.get("courses", "").replace(";", ",").split(",") if c.strip()]
    if courses:
        payload["courses"] = courses
    if form.get("standard_met_by", "").strip():
        day = parse_vn_date(form["standard_met_by"])
        if day is None:
            errors["standard_met_by"] = [_("Ngày theo dạng dd/mm/yyyy")]
        else:
            payload["standard_met_by"] = day.isoformat()
    return payload, errors


@bp.post("/succession/<plan_id>/candidates")
@login_required("province_admin")
def succession_candidate_add(plan_id: str):
    payload, errors = _candidate_payload(request.form)
    general, problems = "", []
    if not errors:
        reply = api("POST", f"/api/v1/succession/plans/{plan_id}/candidates", json=payload)
        if reply.status == 201:
            return redirect(url_for("ui.succession", plan=plan_id, unit=payload["unit_id"], notice="added"))
        fields = flat_errors(reply.error_fields())
        if reply.body and reply.body.get("error", {}).get("code") == "not_eligible":
            problems = fields.pop("cadre_id", [])
        errors, general = fields, reply.error_message()
    return _page(422, **_context(plan_id, payload.get("unit_id"), values=request.form.to_dict(), errors=errors,
                                 general=general, problems=problems))


@bp.post("/succession/<plan_id>/candidates/<candidate_id>/remove")
@login_required("province_admin")
def succession_candidate_remove(plan_id: str, candidate_id: str):
    unit_id = request.form.get("unit_id", "")
    reason = request.form.get("reason", "").strip()
    reply = api("DELETE", f"/api/v1/succession/plans/{plan_id}/candidates/{candidate_id}", json={"reason": reason})
    if reply.ok:
        return redirect(url_for("ui.succession", plan=plan_id, unit=unit_id, notice="removed"))
    return _page(422, **_context(plan_id, unit_id, remove_error=reply.error_message() or _("Hãy nêu lý do")))
