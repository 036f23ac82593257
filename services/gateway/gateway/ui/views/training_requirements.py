"""Training by role (bồi dưỡng theo vị trí việc làm): the course catalogue by its five content
categories, the requirements per position with their deadlines and recurrence, and the 4-week
department-leader programme — read by HR, edited by the province's HR (the training service checks
and stores every change)."""
from __future__ import annotations

from flask import abort, g, redirect, render_template, request, url_for

from ..api_client import api, fetch
from ..forms import Field, flat_errors, to_payload
from ..i18n import N_, notice_of
from ..i18n import gettext as _
from ..pages import blueprint as bp
from ..web_session import login_required
from . import lookups

READERS = ("province_admin", "unit_hr", "auditor")
EDITOR = "province_admin"
NOTICES = {"course_saved": N_("Đã lưu khóa học."), "requirement_saved": N_("Đã lưu yêu cầu bồi dưỡng."),
           "requirement_removed": N_("Đã xóa yêu cầu bồi dưỡng.")}
COURSE_FIELDS = [Field("code"), Field("title"), Field("category"), Field("hours"),
                 Field("certificate_months", "int", nullable=True)]
REQUIREMENT_FIELDS = [Field("code"), Field("title"), Field("course_code", nullable=True),
                      Field("category", nullable=True), Field("due_within_months", "int"),
                      Field("repeat_every_months", "int", nullable=True), Field("position_codes", "list"),
                      Field("task_groups", "list")]
LEADERS = (("", N_("Mọi cán bộ")), ("true", N_("Chỉ lãnh đạo, quản lý")), ("false", N_("Chỉ người không giữ chức vụ")))
NOT_NUMBER = "Phải là số / must be a number"


def _crumbs(*tail):
    return [(_("Trang chủ"), url_for("ui.home")), (_("Yêu cầu bồi dưỡng"), url_for("ui.training_requirements")),
            *tail]


def categories() -> list[tuple[str, str]]:
    return lookups.options("course_categories")


@bp.get("/training/requirements")
@login_required(*READERS)
def training_requirements():
    courses = fetch("/api/v1/courses")
    requirements = fetch("/api/v1/training/requirements")
    by_category = [(code, label, [c for c in courses if c["category"] == code]) for code, label in categories()]
    titles = {c["code"]: c["title"] for c in courses}
    return render_template("training/requirements.html", by_category=by_category, requirements=requirements,
                           programme=[r for r in requirements if r["leadership_programme"]],
                           programme_courses=[c for c in courses if c["leadership_programme"]],
                           titles=titles, category_label=dict(categories()), leaders=dict(LEADERS),
                           positions={p["code"]: p["title"] for p in lookups.positions()},
                           can_edit=g.web_user.role == EDITOR, notice=notice_of(NOTICES), breadcrumbs=_crumbs())


# courses ----------------------------------------------------------------------------------------
def _course_payload(form) -> tuple[dict, dict]:
    payload, errors = to_payload(form, COURSE_FIELDS)
    if "hours" in payload:
        try:
            payload["hours"] = float(payload["hours"].replace(",", "."))
        except ValueError:
            errors["hours"] = [NOT_NUMBER]
    payload["competencies"] = [c.strip() for c in (form.get("competencies") or "").split(",") if c.strip()]
    return payload, errors


def _course_form(mode: str, values: dict, errors: dict, general: str = "", status: int = 200):
    title = _("Thêm khóa học") if mode == "new" else _("Sửa khóa học")
    return render_template("training/course_form.html", mode=mode, values=values, errors=errors, general=general,
                           categories=categories(), breadcrumbs=_crumbs((title, None))), status


@bp.route("/training/courses/new", methods=["GET", "POST"])
@login_required(EDITOR)
def training_course_new():
    if request.method == "GET":
        return _course_form("new", {"category": request.args.get("category", "")}, {})
    payload, errors = _course_payload(request.form)
    general = ""
    if not errors:
        reply = api("POST", "/api/v1/courses", json=payload)
        if reply.status == 201:
            return redirect(url_for("ui.training_requirements", notice="course_saved") + f"#cat-{payload['category']}")
        errors, general = flat_errors(reply.error_fields()), reply.error_message()
    return _course_form("new", request.form.to_dict(), errors, general, 422)


@bp.route("/training/courses/<code>/edit", methods=["GET", "POST"])
@login_required(EDITOR)
def training_course_edit(code):
    course = fetch(f"/api/v1/courses/{code}")
    if request.method == "GET":
        return _course_form("edit", {**course, "competencies": ", ".join(course["competencies"])}, {})
    payload, errors = _course_payload(request.form)
    payload.pop("code", None)
    general = ""
    if not errors:
        reply = api("PUT", f"/api/v1/courses/{code}", json=payload)
        if reply.ok:
            return redirect(url_for("ui.training_requirements", notice="course_saved") + f"#cat-{payload['category']}")
        errors, general = flat_errors(reply.error_fields()), reply.error_message()
    return _course_form("edit", {**request.form.to_dict(), "code": code}, errors, general, 422)


# requirements -----------------------------------------------------------------------------------
def _requirement_payload(form) -> tuple[dict, dict]:
    payload, errors = to_payload(form, REQUIREMENT_FIELDS)
    target = form.get("target")
    if target == "course":
        payload["category"] = None
    elif target == "category":
        payload["course_code"] = None
    leaders = form.get("leaders", "")
    payload["leaders"] = None if leaders == "" else leaders == "true"
    return payload, errors


def _requirement_form(mode: str, values: dict, errors: dict, general: str = "", status: int = 200):
    courses = fetch("/api/v1/courses")
    positions = lookups.positions()
    title = _("Thêm yêu cầu bồi dưỡng") if mode == "new" else _("Sửa yêu cầu bồi dưỡng")
    return render_template("training/requirement_form.html", mode=mode, values=values, errors=errors,
                           general=general, categories=categories(),
                           courses=[(c["code"], f'{c["title"]} ({c["code"]})') for c in courses],
                           positions=[(p["code"], f'{p["title"]} ({p["code"]})') for p in positions],
                           task_groups=sorted({p["task_group"] for p in positions}),
                           leaders=[(v, _(t)) for v, t in LEADERS], breadcrumbs=_crumbs((title, None))), status


def _values_of(form) -> dict:
    values = form.to_dict()
    values["position_codes"] = form.getlist("position_codes")
    values["task_groups"] = form.getlist("task_groups")
    return values


@bp.route("/training/requirements/new", methods=["GET", "POST"])
@login_required(EDITOR)
def training_requirement_new():
    if request.method == "GET":
        return _requirement_form("new", {"target": "category", "position_codes": [], "task_groups": []}, {})
    payload, errors = _requirement_payload(request.form)
    general = ""
    if not errors:
        reply = api("POST", "/api/v1/training/requirements", json=payload)
        if reply.status == 201:
            return redirect(url_for("ui.training_requirements", notice="requirement_saved"))
        errors, general = flat_errors(reply.error_fields()), reply.error_message()
    return _requirement_form("new", _values_of(request.form), errors, general, 422)


@bp.route("/training/requirements/<code>/edit", methods=["GET", "POST"])
@login_required(EDITOR)
def training_requirement_edit(code):
    requirement = fetch(f"/api/v1/training/requirements/{code}")
    if request.method == "GET":
        target = "course" if requirement["course_code"] else "category"
        leaders = "" if requirement["leaders"] is None else str(requirement["leaders"]).lower()
        return _requirement_form("edit", {**requirement, "target": target, "leaders": leaders}, {})
    payload, errors = _requirement_payload(request.form)
    payload.pop("code", None)
    general = ""
    if not errors:
        reply = api("PUT", f"/api/v1/training/requirements/{code}", json=payload)
        if reply.ok:
            return redirect(url_for("ui.training_requirements", notice="requirement_saved"))
        errors, general = flat_errors(reply.error_fields()), reply.error_message()
    return _requirement_form("edit", {**_values_of(request.form), "code": code}, errors, general, 422)


@bp.post("/training/requirements/<code>/delete")
@login_required(EDITOR)
def training_requirement_delete(code):
    reply = api("DELETE", f"/api/v1/training/requirements/{code}")
    if reply.status in (403, 404):
        abort(reply.status)
    return redirect(url_for("ui.training_requirements", notice="requirement_removed"))
