"""Positions (vị trí việc làm) and their standards, versioned."""
from __future__ import annotations

from flask import redirect, render_template, request, url_for

from ..pages import blueprint as bp
from ..api_client import api, fetch, fetch_optional
from ..forms import Field, flat_errors, to_payload
from ..i18n import N_, notice_of
from ..i18n import gettext as _
from ..web_session import login_required
from . import lookups

READERS = ("province_admin", "unit_hr", "auditor")
NOTICES = {"created": N_("Đã thêm vị trí việc làm."), "updated": N_("Đã lưu: tạo phiên bản mới.")}
BASE_FIELDS = [Field("code"), Field("title"), Field("task_group"), Field("is_leader", "bool")]
STANDARD_FIELDS = [Field("min_education", nullable=True), Field("min_political_theory", nullable=True),
                   Field("min_digital_skill", nullable=True), Field("required_course_categories", "list")]


def _crumbs(*tail):
    return [(_("Trang chủ"), url_for("ui.home")), (_("Vị trí việc làm"), url_for("ui.positions")), *tail]


def _payload(form, keep_competencies: list | None = None) -> tuple[dict, dict]:
    payload, errors = to_payload(form, BASE_FIELDS)
    standard, standard_errors = to_payload(form, STANDARD_FIELDS)
    standard["required_competencies"] = keep_competencies or []
    payload["standard"] = standard
    return payload, {**errors, **standard_errors}


def _form_context(values: dict, errors: dict, general: str = "") -> dict:
    standard = values.get("standard") or {}
    return {"values": values, "standard": standard, "errors": errors, "general": general,
            "education": lookups.options("education"), "political_theory": lookups.options("political_theory"),
            "digital_skill": lookups.options("digital_skill"), "categories": lookups.options("course_categories")}


def _values_from(form) -> dict:
    values = form.to_dict()
    values["is_leader"] = form.get("is_leader") in ("1", "on")
    values["standard"] = {"min_education": form.get("min_education"),
                          "min_political_theory": form.get("min_political_theory"),
                          "min_digital_skill": form.get("min_digital_skill"),
                          "required_course_categories": form.getlist("required_course_categories")}
    return values


@bp.get("/positions")
@login_required(*READERS)
def positions():
    groups: dict[str, list] = {}
    for position in lookups.positions():
        groups.setdefault(position["task_group"], []).append(position)
    return render_template("ui/positions_list.html", groups=dict(sorted(groups.items())), label=lookups.label,
                           notice=notice_of(NOTICES), breadcrumbs=_crumbs())


@bp.get("/positions/<position_id>")
@login_required(*READERS)
def position_detail(position_id):
    position = fetch(f"/api/v1/positions/{position_id}")
    versions = fetch_optional(f"/api/v1/positions/{position_id}/versions") or []
    return render_template("ui/position_detail.html", position=position, versions=list(reversed(versions)),
                           label=lookups.label, notice=notice_of(NOTICES), breadcrumbs=_crumbs((position["title"], None)))


@bp.route("/positions/new", methods=["GET", "POST"])
@login_required("province_admin")
def position_new():
    crumbs = _crumbs((_("Thêm vị trí việc làm"), None))
    if request.method == "GET":
        return render_template("ui/position_form.html", mode="new", **_form_context({}, {}), breadcrumbs=crumbs)
    payload, errors = _payload(request.form)
    general = ""
    if not errors:
        reply = api("POST", "/api/v1/positions", json=payload)
        if reply.status == 201:
            return redirect(url_for("ui.position_detail", position_id=reply.body["id"], notice="created"))
        errors, general = flat_errors(reply.error_fields()), reply.error_message()
    return render_template("ui/position_form.html", mode="new", **_form_context(_values_from(request.form), errors,
                                                                                general), breadcrumbs=crumbs), 422


@bp.route("/positions/<position_id>/edit", methods=["GET", "POST"])
@login_required("province_admin")
def position_edit(position_id):
    position = fetch(f"/api/v1/positions/{position_id}")
    crumbs = _crumbs((position["title"], url_for("ui.position_detail", position_id=position_id)), (_("Sửa"), None))
    if request.method == "GET":
        return render_template("ui/position_form.html", mode="edit", position=position,
                               **_form_context(position, {}), breadcrumbs=crumbs)
    competencies = (position.get("standard") or {}).get("required_competencies") or []
    payload, errors = _payload(request.form, competencies)
    payload.pop("code", None)
    if request.form.get("note", "").strip():
        payload["note"] = request.form["note"].strip()
    general = ""
    if not errors:
        reply = api("PATCH", f"/api/v1/positions/{position_id}", json=payload)
        if reply.ok:
            return redirect(url_for("ui.position_detail", position_id=position_id, notice="updated"))
        errors, general = flat_errors(reply.error_fields()), reply.error_message()
    return render_template("ui/position_form.html", mode="edit", position=position,
                           **_form_context({**position, **_values_from(request.form)}, errors, general),
                           breadcrumbs=crumbs), 422
