"""Output tasks (sản phẩm) of a unit's cadres in a period, as the unit's HR keeps them: assign a task
(title, coefficient k, due date, an evidence link), then on the task's own page record completion,
quality failures, delays and those confirmed as objective, attach evidence files (sent on to the
evaluation service as multipart; listed with download links) and remove them."""
from __future__ import annotations

from flask import abort, g, redirect, render_template, request, url_for

from ..pages import blueprint as bp
from ..api_client import api, fetch
from ..formatting import vn_date
from ..forms import Field, flat_errors, to_payload
from ..i18n import N_, notice_of
from ..i18n import gettext as _
from ..web_session import login_required
from .evaluation_unit import hand_on
from .periods import HR, HR_READERS, crumbs, period_crumb

CREATE_FIELDS = [Field("cadre_id"), Field("title"), Field("coefficient", "number"), Field("due_on", "date"),
                 Field("evidence_url")]
CHANGE_FIELDS = [Field("title"), Field("coefficient", "number"), Field("due_on", "date"),
                 Field("completed_on", "date", nullable=True), Field("quality_failures", "int"), Field("delays", "int"),
                 Field("exempt_quality_failures", "int"), Field("exempt_delays", "int"),
                 Field("evidence_url", nullable=True)]
MAX_BYTES = 10 * 1024 * 1024
NOTICES = {"created": N_("Đã giao nhiệm vụ."), "updated": N_("Đã lưu kết quả nhiệm vụ."),
           "uploaded": N_("Đã tải lên tệp minh chứng."), "removed": N_("Đã gỡ tệp minh chứng."),
           "criteria": N_("Đã ghi tiêu chí đ, e của lãnh đạo.")}
PAGE = 500


def unit_context(period_id: str, unit_id: str) -> tuple[dict, dict, dict]:
    """(the period, the unit, the unit's 360 assignment — its members are the unit's roster)."""
    period = fetch(f"/api/v1/periods/{period_id}")
    unit = fetch(f"/api/v1/units/{unit_id}")
    roster = fetch(f"/api/v1/periods/{period_id}/assignments", unit_id=unit_id)
    return period, unit, roster


def unit_crumbs(period: dict, unit: dict, *tail) -> list:
    return crumbs(period_crumb(period), (unit["name"], url_for("ui.evaluation_unit", period_id=period["id"],
                                                               unit_id=unit["id"])), *tail)


def unit_tasks(period_code: str, unit_id: str) -> list[dict]:
    found, page, pages = [], 1, 1
    while page <= pages:
        reply = api("GET", "/api/v1/tasks", params={"unit_id": unit_id, "period": period_code, "page": page,
                                                    "per_page": PAGE})
        if not reply.ok:
            abort(reply.status if reply.status in (403, 404) else 502)
        found += reply.body
        pages, page = int(reply.headers.get("X-Total-Pages", 1)), page + 1
    return found


def _leaders(period: dict, roster: dict) -> list[dict]:
    """The unit's leaders with their đ and e of the period (100 unless recorded)."""
    return [{**m, "criteria": fetch(f"/api/v1/cadres/{m['cadre_id']}/leader-criteria", period=period["code"])}
            for m in roster["members"] if m["is_leader"]]


def _tasks_page(period_id: str, unit_id: str, values: dict | None = None, errors: dict | None = None,
                general: str = "", status: int = 200):
    period, unit, roster = unit_context(period_id, unit_id)
    tasks = unit_tasks(period["code"], unit_id)
    members = sorted(roster["members"], key=lambda m: m["full_name"])
    by_cadre = {m["cadre_id"]: [t for t in tasks if t["cadre_id"] == m["cadre_id"]] for m in members}
    return render_template(
        "evaluation/tasks.html", period=period, unit=unit, members=members, by_cadre=by_cadre,
        leaders=_leaders(period, roster), values=values or {"coefficient": "1"}, errors=errors or {}, general=general,
        can_edit=g.web_user.role in HR and period["status"] == "open", notice=notice_of(NOTICES),
        cadre_options=[(m["cadre_id"], f'{m["full_name"]} — {m["position_title"] or ""}') for m in members],
        breadcrumbs=unit_crumbs(period, unit, (_("Nhiệm vụ"), None))), status


@bp.get("/evaluation/periods/<period_id>/units/<unit_id>/tasks")
@login_required(*HR_READERS)
def evaluation_tasks(period_id, unit_id):
    return _tasks_page(period_id, unit_id)


@bp.post("/evaluation/periods/<period_id>/units/<unit_id>/tasks")
@login_required(*HR)
def evaluation_task_new(period_id, unit_id):
    period = fetch(f"/api/v1/periods/{period_id}")
    payload, errors = to_payload(request.form, CREATE_FIELDS)
    if errors:
        return _tasks_page(period_id, unit_id, request.form.to_dict(), errors, "", 422)
    reply = api("POST", "/api/v1/tasks", json={**payload, "period": period["code"]})
    if reply.status == 201:
        return redirect(url_for("ui.evaluation_tasks", period_id=period_id, unit_id=unit_id, notice="created")
                        + f"#c-{payload['cadre_id']}")
    return _tasks_page(period_id, unit_id, request.form.to_dict(), flat_errors(reply.error_fields()),
                       reply.error_message(), reply.status if reply.status < 500 else 502)


def _task(period_id: str, unit_id: str, task_id: str) -> tuple[dict, dict, dict]:
    period = fetch(f"/api/v1/periods/{period_id}")
    unit = fetch(f"/api/v1/units/{unit_id}")
    task = fetch(f"/api/v1/tasks/{task_id}")
    if task["unit_id"] != unit_id or task["period"] != period["code"]:
        abort(404)
    return period, unit, task


def _task_page(period_id: str, unit_id: str, task_id: str, values: dict | None = None, errors: dict | None = None,
               general: str = "", file_error: str = "", status: int = 200):
    period, unit, task = _task(period_id, unit_id, task_id)
    cadre = fetch(f"/api/v1/cadres/{task['cadre_id']}")
    shown = values or {**task, "due_on": vn_date(task["due_on"]), "completed_on": vn_date(task["completed_on"]),
                       "coefficient": f'{task["coefficient"]:g}'}
    return render_template(
        "evaluation/task.html", period=period, unit=unit, task=task, cadre=cadre, values=shown, errors=errors or {},
        general=general, file_error=file_error, notice=notice_of(NOTICES),
        can_edit=g.web_user.role in HR and period["status"] == "open",
        breadcrumbs=unit_crumbs(period, unit, (_("Nhiệm vụ"), url_for("ui.evaluation_tasks", period_id=period_id,
                                                                         unit_id=unit_id)), (task["title"], None))), status


@bp.get("/evaluation/periods/<period_id>/units/<unit_id>/tasks/<task_id>")
@login_required(*HR_READERS)
def evaluation_task(period_id, unit_id, task_id):
    return _task_page(period_id, unit_id, task_id)


@bp.post("/evaluation/periods/<period_id>/units/<unit_id>/tasks/<task_id>")
@login_required(*HR)
def evaluation_task_change(period_id, unit_id, task_id):
    _task(period_id, unit_id, task_id)
    payload, errors = to_payload(request.form, CHANGE_FIELDS)
    if errors:
        return _task_page(period_id, unit_id, task_id, request.form.to_dict(), errors, status=422)
    reply = api("PATCH", f"/api/v1/tasks/{task_id}", json=payload)
    if reply.ok:
        return redirect(url_for("ui.evaluation_task", period_id=period_id, unit_id=unit_id, task_id=task_id,
                                notice="updated"))
    return _task_page(period_id, unit_id, task_id, request.form.to_dict(), flat_errors(reply.error_fields()),
                      reply.error_message(), status=reply.status if reply.status < 500 else 502)


@bp.post("/evaluation/periods/<period_id>/units/<unit_id>/tasks/<task_id>/evidence")
@login_required(*HR)
def evaluation_evidence_upload(period_id, unit_id, task_id):
    _task(period_id, unit_id, task_id)
    sent = request.files.get("file")
    content = sent.read(MAX_BYTES + 1) if sent else b""
    if not sent or not sent.filename or not content:
        return _task_page(period_id, unit_id, task_id, file_error=_("Hãy chọn một tệp minh chứng."), status=422)
    if len(content) > MAX_BYTES:
        return _task_page(period_id, unit_id, task_id, file_error=_("Tệp quá lớn (tối đa 10 MB)."), status=422)
    reply = api("POST", f"/api/v1/tasks/{task_id}/evidence",
                files={"file": (sent.filename, content, sent.mimetype or "application/octet-stream")})
    if reply.status == 201:
        return redirect(url_for("ui.evaluation_task", period_id=period_id, unit_id=unit_id, task_id=task_id,
                                notice="uploaded") + "#evidence")
    problem = " ".join(reply.error_fields().get("file") or [reply.error_message()])
    return _task_page(period_id, unit_id, task_id, file_error=problem, status=reply.status if reply.status < 500 else 502)


@bp.get("/evaluation/periods/<period_id>/units/<unit_id>/tasks/<task_id>/evidence/<file_id>")
@login_required(*HR_READERS)
def evaluation_evidence_file(period_id, unit_id, task_id, file_id):
    _task(period_id, unit_id, task_id)
    return hand_on(api("GET", f"/api/v1/tasks/{task_id}/evidence/{file_id}"))


@bp.post("/evaluation/periods/<period_id>/units/<unit_id>/tasks/<task_id>/evidence/<file_id>/remove")
@login_required(*HR)
def evaluation_evidence_remove(period_id, unit_id, task_id, file_id):
    _task(period_id, unit_id, task_id)
    reply = api("DELETE", f"/api/v1/tasks/{task_id}/evidence/{file_id}")
    if not reply.ok:
        return _task_page(period_id, unit_id, task_id, general=reply.error_message(), status=reply.status)
    return redirect(url_for("ui.evaluation_task", period_id=period_id, unit_id=unit_id, task_id=task_id,
                            notice="removed") + "#evidence")
