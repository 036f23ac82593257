"""Units: the province and its communes and wards (province → unit → cadre navigation)."""
from __future__ import annotations

from flask import redirect, render_template, request, url_for

from ..pages import blueprint as bp
from ..api_client import api, fetch, fetch_optional
from ..forms import Field, flat_errors, to_payload
from ..i18n import N_, notice_of
from ..i18n import gettext as _
from ..web_session import login_required
from . import lookups
from .gaps import gap_chart

READERS = ("province_admin", "unit_hr", "auditor")
PER_PAGE = 25
NOTICES = {"created": N_("Đã thêm đơn vị."), "updated": N_("Đã lưu đơn vị.")}
CREATE_FIELDS = [Field("code"), Field("name"), Field("kind"), Field("area"), Field("parent_id")]
EDIT_FIELDS = [Field("name"), Field("area")]


def _crumbs(*tail):
    return [(_("Trang chủ"), url_for("ui.home")), (_("Đơn vị"), url_for("ui.units")), *tail]


@bp.get("/units")
@login_required(*READERS)
def units():
    all_units = lookups.units()
    provinces = [u for u in all_units if u["kind"] == "province"]
    children = {p["id"]: [u for u in all_units if u.get("parent_id") == p["id"]] for p in provinces}
    placed = {u["id"] for u in provinces} | {u["id"] for kids in children.values() for u in kids}
    return render_template("ui/units_list.html", provinces=provinces, children=children,
                           others=[u for u in all_units if u["id"] not in placed], label=lookups.label,
                           notice=notice_of(NOTICES), breadcrumbs=_crumbs())


@bp.get("/units/<unit_id>")
@login_required(*READERS)
def unit_detail(unit_id):
    unit = fetch(f"/api/v1/units/{unit_id}")
    page = int(request.args["page"]) if request.args.get("page", "").isdigit() else 1
    q = request.args.get("q", "").strip()
    cadres = api("GET", "/api/v1/cadres", params={"unit_id": unit_id, "q": q, "page": page, "per_page": PER_PAGE})
    gaps = fetch_optional(f"/api/v1/units/{unit_id}/gaps")
    parent = next((u for u in lookups.units() if u["id"] == unit.get("parent_id")), None)
    crumbs = _crumbs(*([(parent["name"], url_for("ui.unit_detail", unit_id=parent["id"]))] if parent else []),
                     (unit["name"], None))
    return render_template("ui/unit_detail.html", unit=unit, label=lookups.label,
                           cadres=cadres.body if cadres.ok else [], cadre_total=cadres.headers.get("X-Total-Count"),
                           page=page, total_pages=int(cadres.headers.get("X-Total-Pages", 1)), q=q,
                           page_url=lambda n: url_for("ui.unit_detail", unit_id=unit_id, q=q or None, page=n),
                           children=[u for u in lookups.units() if u.get("parent_id") == unit_id],
                           gaps=gaps, gap_chart=gap_chart(gaps, unit["name"]) if gaps else "",
                           position_titles=lookups.position_titles(), notice=notice_of(NOTICES), breadcrumbs=crumbs)


def _form_context(values: dict, errors: dict, general: str = "") -> dict:
    return {"values": values, "errors": errors, "general": general, "kinds": lookups.options("unit_kinds"),
            "areas": lookups.options("areas"),
            "parents": [(u["id"], u["name"]) for u in lookups.units() if u["kind"] == "province"]}


@bp.route("/units/new", methods=["GET", "POST"])
@login_required("province_admin")
def unit_new():
    crumbs = _crumbs((_("Thêm đơn vị"), None))
    if request.method == "GET":
        return render_template("ui/unit_form.html", mode="new", **_form_context({"kind": "commune"}, {}),
                               breadcrumbs=crumbs)
    payload, errors = to_payload(request.form, CREATE_FIELDS)
    general = ""
    if not errors:
        reply = api("POST", "/api/v1/units", json=payload)
        if reply.status == 201:
            return redirect(url_for("ui.unit_detail", unit_id=reply.body["id"], notice="created"))
        errors, general = flat_errors(reply.error_fields()), reply.error_message()
    return render_template("ui/unit_form.html", mode="new", **_form_context(request.form.to_dict(), errors, general),
                           breadcrumbs=crumbs), 422


@bp.route("/units/<unit_id>/edit", methods=["GET", "POST"])
@login_required("province_admin")
def unit_edit(unit_id):
    unit = fetch(f"/api/v1/units/{unit_id}")
    crumbs = _crumbs((unit["name"], url_for("ui.unit_detail", unit_id=unit_id)), (_("Sửa"), None))
    if request.method == "GET":
        return render_template("ui/unit_form.html", mode="edit", unit=unit, **_form_context(unit, {}),
                               breadcrumbs=crumbs)
    payload, errors = to_payload(request.form, EDIT_FIELDS)
    general = ""
    if not errors:
        reply = api("PATCH", f"/api/v1/units/{unit_id}", json=payload)
        if reply.ok:
            return redirect(url_for("ui.unit_detail", unit_id=unit_id, notice="updated"))
        errors, general = flat_errors(reply.error_fields()), reply.error_message()
    return render_template("ui/unit_form.html", mode="edit", unit=unit,
                           **_form_context({**unit, **request.form.to_dict()}, errors, general),
                           breadcrumbs=crumbs), 422

