"""Cadres: the searchable list, the e-dossier (hồ sơ điện tử), the create and edit forms."""
from __future__ import annotations

from flask import abort, g, redirect, render_template, request, url_for

from ..pages import blueprint as bp
from ..api_client import api, fetch, fetch_optional
from ..formatting import vn_date
from ..forms import Field, flat_errors, to_payload
from ..i18n import N_, notice_of
from ..i18n import gettext as _
from ..web_session import login_required
from . import lookups
from .cadre_comparison import comparison_section

READERS = ("province_admin", "unit_hr", "auditor")
MANAGERS = ("province_admin", "unit_hr")
PER_PAGE = 25
FILTERS = ("q", "unit_id", "position_id", "area", "on_probation", "is_leader", "has_gaps", "gap", "status")
DOSSIER_FIELDS = [Field("ethnicity"), Field("education"), Field("political_theory"), Field("digital_skill"),
                  Field("department_code"), Field("appointed_on", "date"), Field("probation_until", "date")]
CREATE_FIELDS = [Field("code"), Field("full_name"), Field("gender"), Field("birth_year", "int"), Field("unit_id"),
                 Field("position_id"), Field("is_local", "bool"), *DOSSIER_FIELDS]
EDIT_FIELDS = [Field("full_name"), Field("gender"), Field("birth_year", "int"), Field("is_local", "bool"),
               *[Field(f.name, f.kind, nullable=True) for f in DOSSIER_FIELDS]]
NOTICES = {"created": N_("Đã thêm cán bộ."), "updated": N_("Đã lưu hồ sơ.")}


def _crumbs(*tail):
    return [(_("Trang chủ"), url_for("ui.home")), (_("Cán bộ"), url_for("ui.cadres")), *tail]


def _form_context(values: dict, errors: dict, general: str = "") -> dict:
    unit = next((u for u in lookups.units() if u["id"] == values.get("unit_id")), None)
    departments = [(d["code"], d["name"]) for d in (unit or {}).get("departments", [])] if unit else []
    return {"values": values, "errors": errors, "general": general, "units": lookups.unit_options(),
            "positions": lookups.position_options(), "departments": departments,
            "genders": lookups.options("genders"), "education": lookups.options("education"),
            "political_theory": lookups.options("political_theory"),
            "digital_skill": lookups.options("digital_skill")}


@bp.get("/cadres")
@login_required(*READERS)
def cadres():
    filters = {name: request.args.get(name, "").strip() for name in FILTERS}
    page = int(request.args["page"]) if request.args.get("page", "").isdigit() else 1
    reply = api("GET", "/api/v1/cadres", params={**filters, "page": page, "per_page": PER_PAGE})
    errors = flat_errors(reply.error_fields()) if reply.status == 422 else {}
    if not reply.ok and reply.status != 422:
        abort(reply.status if reply.status in (403, 404) else 502)
    rows = reply.body if reply.ok else []
    total = int(reply.headers.get("X-Total-Count", len(rows) if reply.ok else 0))
    pages = int(reply.headers.get("X-Total-Pages", 1))

    def page_url(number: int) -> str:
        return url_for("ui.cadres", **{k: v for k, v in filters.items() if v}, page=number)

    return render_template("ui/cadres_list.html", cadres=rows, total=total, page=page, total_pages=pages,
                           page_url=page_url, filters=filters, errors=errors, unit_names=lookups.unit_names(),
                           position_titles=lookups.position_titles(), units=lookups.unit_options(),
                           positions=lookups.position_options(), areas=lookups.options("areas"),
                           genders=dict(lookups.options("genders")),
                           notice=notice_of(NOTICES), breadcrumbs=_crumbs())


@bp.get("/cadres/<cadre_id>")
@login_required()
def cadre_detail(cadre_id):
    user = g.web_user
    if user.role not in READERS and not (user.role == "cadre" and user.cadre_id == cadre_id):
        return render_template("ui/error.html", status=404, message=_("Không tìm thấy trang hoặc hồ sơ này")), 404
    cadre = fetch(f"/api/v1/cadres/{cadre_id}")
    gaps = fetch_optional(f"/api/v1/cadres/{cadre_id}/gaps")
    unit = fetch_optional(f"/api/v1/units/{cadre['unit_id']}") or {}
    position = fetch_optional(f"/api/v1/positions/{cadre['position_id']}") if cadre.get("position_id") else None
    scrutiny = fetch_optional(f"/api/v1/cadres/{cadre_id}/scrutiny") if user.role in READERS else None
    comparison = comparison_section(cadre_id)
    crumbs = [(_("Trang chủ"), url_for("ui.home"))]
    if user.role in READERS:
        crumbs += [(_("Đơn vị"), url_for("ui.units"))]
        if unit:
            crumbs += [(unit["name"], url_for("ui.unit_detail", unit_id=unit["id"]))]
    crumbs += [(cadre["full_name"], None)]
    return render_template("ui/cadre_detail.html", cadre=cadre, gaps=gaps, unit=unit, position=position,
                           scrutiny=scrutiny, comparison=comparison,
                           can_edit=user.role in MANAGERS, label=lookups.label,
                           departments={d["code"]: d["name"] for d in unit.get("departments", [])},
                           notice=notice_of(NOTICES), breadcrumbs=crumbs)


@bp.route("/cadres/new", methods=["GET", "POST"])
@login_required(*MANAGERS)
def cadre_new():
    if request.method == "GET":
        values = {"unit_id": request.args.get("unit_id") or (g.web_user.unit_id or ""), "is_local": True}
        return render_template("ui/cadre_form.html", mode="new", **_form_context(values, {}),
                               breadcrumbs=_crumbs((_("Thêm cán bộ"), None)))
    payload, errors = to_payload(request.form, CREATE_FIELDS)
    values = {**request.form.to_dict(), "is_local": payload["is_local"]}
    general = ""
    if not errors:
        reply = api("POST", "/api/v1/cadres", json=payload)
        if reply.status == 201:
            return redirect(url_for("ui.cadre_detail", cadre_id=reply.body["id"], notice="created"))
        errors, general = flat_errors(reply.error_fields()), reply.error_message()
    return render_template("ui/cadre_form.html", mode="new", **_form_context(values, errors, general),
                           breadcrumbs=_crumbs((_("Thêm cán bộ"), None))), 422


@bp.route("/cadres/<cadre_id>/edit", methods=["GET", "POST"])
@login_required(*MANAGERS)
def cadre_edit(cadre_id):
    cadre = fetch(f"/api/v1/cadres/{cadre_id}")
    crumbs = _crumbs((cadre["full_name"], url_for("ui.cadre_detail", cadre_id=cadre_id)), (_("Sửa"), None))
    if request.method == "GET":
        values = {**cadre, "appointed_on": vn_date(cadre.get("appointed_on")),
                  "probation_until": vn_date(cadre.get("probation_until"))}
        return render_template("ui/cadre_form.html", mode="edit", cadre=cadre, **_form_context(values, {}),
                               breadcrumbs=crumbs)
    payload, errors = to_payload(request.form, EDIT_FIELDS)
    values = {**cadre, **request.form.to_dict(), "is_local": payload["is_local"]}
    general = ""
    if not errors:
        reply = api("PATCH", f"/api/v1/cadres/{cadre_id}", json=payload)
        if reply.ok:
            return redirect(url_for("ui.cadre_detail", cadre_id=cadre_id, notice="updated"))
        errors, general = flat_errors(reply.error_fields()), reply.error_message()
    return render_template("ui/cadre_form.html", mode="edit", cadre=cadre, **_form_context(values, errors, general),
                           breadcrumbs=crumbs), 422

