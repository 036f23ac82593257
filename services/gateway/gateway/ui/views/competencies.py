"""The competency framework (khung năng lực) on the web: competencies by group with their levels and
the proficient one; per position, the competencies it requires and at which level; the priority
appendices per area type. Read by HR, edited by the province's HR. Each edit names the version it was
made from, so two people editing at once never overwrite each other silently (the registry answers 409)."""
from __future__ import annotations

from flask import g, redirect, render_template, request, url_for

from ..api_client import api, fetch
from ..forms import flat_errors
from ..i18n import N_, notice_of
from ..i18n import gettext as _
from ..pages import blueprint as bp
from ..web_session import login_required
from . import lookups

READERS = ("province_admin", "unit_hr", "auditor")
EDITOR = "province_admin"
NOTICES = {"saved": N_("Đã lưu: tạo phiên bản mới."), "created": N_("Đã thêm năng lực.")}
DEFAULT_LEVELS = ["Biết / Aware", "Hiểu / Understands", "Vận dụng / Applies", "Thành thạo / Proficient",
                  "Chuyên gia / Expert"]
CHANGED_MEANWHILE = N_("Bản ghi vừa được người khác thay đổi. Trang đã tải lại phiên bản mới nhất; hãy sửa lại.")


def _crumbs(*tail):
    return [(_("Trang chủ"), url_for("ui.home")), (_("Khung năng lực"), url_for("ui.competencies")), *tail]


def _competencies() -> list[dict]:
    return fetch("/api/v1/competencies")


@bp.get("/competencies")
@login_required(*READERS)
def competencies():
    found = _competencies()
    groups = [(code, label, [c for c in found if c["group"] == code]) for code, label in
              lookups.options("competency_groups")]
    names = {c["code"]: c for c in found}
    return render_template("competencies/framework.html", groups=groups, names=names,
                           positions=sorted(lookups.positions(), key=lambda p: (p["task_group"], p["title"])),
                           appendices={a["area"]: a for a in fetch("/api/v1/standards/appendices")},
                           areas=lookups.options("areas"), can_edit=g.web_user.role == EDITOR,
                           notice=notice_of(NOTICES), breadcrumbs=_crumbs())


# one competency ---------------------------------------------------------------------------------
def _levels_from(text: str) -> list[dict]:
    return [{"level": i, "label": line.strip()} for i, line in
            enumerate((line for line in (text or "").splitlines() if line.strip()), start=1)]


def _competency_payload(form) -> tuple[dict, dict]:
    payload = {name: (form.get(name) or "").strip() for name in ("code", "name", "group", "description")}
    payload["levels"] = _levels_from(form.get("levels"))
    errors = {}
    try:
        payload["proficient_level"] = int(form.get("proficient_level") or "")
    except ValueError:
        errors["proficient_level"] = ["Chọn mức thành thạo / choose the proficient level"]
    if not payload["description"]:
        payload["description"] = None
    return payload, errors


def _competency_form(mode: str, values: dict, errors: dict, general: str = "", status: int = 200):
    title = _("Thêm năng lực") if mode == "new" else _("Sửa năng lực")
    levels = values.get("levels_text") or "\n".join(DEFAULT_LEVELS)
    count = max(len(_levels_from(levels)), 2)
    return render_template("competencies/competency_form.html", mode=mode, values=values, errors=errors,
                           general=general, groups=lookups.options("competency_groups"), levels_text=levels,
                           level_options=[(str(i), str(i)) for i in range(1, count + 1)],
                           breadcrumbs=_crumbs((title, None))), status


@bp.route("/competencies/new", methods=["GET", "POST"])
@login_required(EDITOR)
def competency_new():
    if request.method == "GET":
        return _competency_form("new", {"proficient_level": "4"}, {})
    payload, errors = _competency_payload(request.form)
    general = ""
    if not errors:
        reply = api("POST", "/api/v1/competencies", json=payload)
        if reply.status == 201:
            return redirect(url_for("ui.competencies", notice="created") + f"#c-{reply.body['code']}")
        errors, general = flat_errors(reply.error_fields()), reply.error_message()
    return _competency_form("new", {**request.form.to_dict(), "levels_text": request.form.get("levels")}, errors,
                            general, 422)


@bp.route("/competencies/<competency_id>/edit", methods=["GET", "POST"])
@login_required(EDITOR)
def competency_edit(competency_id):
    current = fetch(f"/api/v1/competencies/{competency_id}")
    shown = {**current, "levels_text": "\n".join(lv["label"] for lv in current["levels"]),
             "proficient_level": str(current["proficient_level"]), "description": current.get("description") or ""}
    if request.method == "GET":
        return _competency_form("edit", shown, {})
    payload, errors = _competency_payload(request.form)
    payload.pop("code", None)
    payload["version"] = request.form.get("version", type=int)
    general = ""
    if not errors:
        reply = api("PATCH", f"/api/v1/competencies/{competency_id}", json=payload)
        if reply.ok:
            return redirect(url_for("ui.competencies", notice="saved") + f"#c-{current['code']}")
        if reply.status == 409:
            return _competency_form("edit", shown, {}, _(CHANGED_MEANWHILE), 409)
        errors, general = flat_errors(reply.error_fields()), reply.error_message()
    return _competency_form("edit", {**request.form.to_dict(), "code": current["code"], "id": competency_id,
                                     "levels_text": request.form.get("levels")}, errors, general, 422)


# required levels: a position's standard, an area's appendix ------------------------------------
def _levels_chosen(form, codes: list[str]) -> list[dict]:
    """{competency_code, min_level} for each competency given a level in the form (``level-<code>``)."""
    chosen = []
    for code in codes:
        level = form.get(f"level-{code}", type=int)
        if level:
            chosen.append({"competency_code": code, "min_level": level})
    return chosen


@bp.route("/competencies/positions/<position_id>", methods=["GET", "POST"])
@login_required(EDITOR)
def competency_position(position_id):
    position = fetch(f"/api/v1/positions/{position_id}")
    found = _competencies()
    general, status = "", 200
    if request.method == "POST":
        reply = api("PUT", f"/api/v1/standards/positions/{position_id}/competencies",
                    json={"required_competencies": _levels_chosen(request.form, [c["code"] for c in found]),
                          "version": request.form.get("version", type=int) or 0,
                          "note": (request.form.get("note") or "").strip()[:500] or None})
        if reply.ok:
            return redirect(url_for("ui.competencies", notice="saved") + f"#p-{position['code']}")
        status = reply.status if reply.status < 500 else 502
        general = _(CHANGED_MEANWHILE) if reply.status == 409 else reply.error_message()
        position = fetch(f"/api/v1/positions/{position_id}")
    required = {r["competency_code"]: r["min_level"] for r in (position.get("standard") or {}).get(
        "required_competencies", [])}
    return render_template("competencies/levels_form.html", subject=position["title"], version=position["version"],
                           competencies=found, required=required, leaders_only=set(), general=general,
                           with_note=True, groups=dict(lookups.options("competency_groups")),
                           action=url_for("ui.competency_position", position_id=position_id),
                           breadcrumbs=_crumbs((position["title"], None))), status


@bp.route("/competencies/appendices/<area>", methods=["GET", "POST"])
@login_required(EDITOR)
def competency_appendix(area):
    areas = dict(lookups.options("areas"))
    if area not in areas:
        return redirect(url_for("ui.competencies"))
    current = api("GET", f"/api/v1/standards/appendices/{area}")
    appendix = current.body if current.ok else {"title": "", "requirements": [], "version": None}
    found = _competencies()
    general, status, errors = "", 200, {}
    if request.method == "POST":
        codes = [c["code"] for c in found]
        body = {"title": (request.form.get("title") or "").strip(),
                "requirements": [{**r, "leaders_only": request.form.get(f"leaders-{r['competency_code']}") == "1"}
                                 for r in _levels_chosen(request.form, codes)]}
        if request.form.get("version"):
            body["version"] = request.form.get("version", type=int)
        reply = api("PUT", f"/api/v1/standards/appendices/{area}", json=body)
        if reply.ok:
            return redirect(url_for("ui.competencies", notice="saved") + f"#a-{area}")
        status = reply.status if reply.status < 500 else 502
        general = _(CHANGED_MEANWHILE) if reply.status == 409 else reply.error_message()
        errors = flat_errors(reply.error_fields())
        if reply.status != 409:
            appendix = {**appendix, "title": body["title"], "requirements": body["requirements"]}
    return render_template("competencies/levels_form.html", subject=areas[area], version=appendix.get("version"),
                           competencies=found, general=general, errors=errors, with_title=True,
                           title_value=appendix.get("title") or "",
                           required={r["competency_code"]: r["min_level"] for r in appendix["requirements"]},
                           leaders_only={r["competency_code"] for r in appendix["requirements"] if r.get("leaders_only")},
                           groups=dict(lookups.options("competency_groups")),
                           action=url_for("ui.competency_appendix", area=area),
                           breadcrumbs=_crumbs((_("Phụ lục: {area}", area=areas[area]), None))), status
