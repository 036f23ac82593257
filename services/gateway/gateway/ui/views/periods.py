"""Evaluation periods (kỳ đánh giá) for HR: the list and opening a period (province HR), a period's
page with each unit's round progress (answered / expected per rater group, never who answered
what), one-click reminders, closing as a job whose progress the page shows (a small script polls
it; without script the page's refresh link does), then each unit's classification state."""
from __future__ import annotations

from flask import abort, g, jsonify, redirect, render_template, request, url_for

from ..pages import blueprint as bp
from ..api_client import api, fetch
from ..forms import Field, flat_errors, to_payload
from ..i18n import N_, notice_of
from ..i18n import gettext as _
from ..web_session import login_required
from .appraisal_labels import classification_state, names
from .satisfaction import period_label

HR_READERS = ("province_admin", "unit_hr", "auditor")
HR = ("province_admin", "unit_hr")
OPEN_FIELDS = [Field("year", "int"), Field("quarter", "int"), Field("month", "int"), Field("rating_due_on", "date")]
NOTICES = {"opened": N_("Đã mở kỳ đánh giá. Người đánh giá của từng đơn vị đang được thông báo."),
           "closing": N_("Đã bắt đầu khóa kỳ. Tiến độ hiện ở dưới đây.")}
CONFIRM_CLOSE = N_("Hãy đánh dấu xác nhận trước khi khóa kỳ.")


def crumbs(*tail) -> list:
    return [(_("Trang chủ"), url_for("ui.home")), (_("Kỳ đánh giá"), url_for("ui.evaluation_periods")), *tail]


def period_crumb(period: dict) -> tuple[str, str]:
    return period_label(period["code"]), url_for("ui.evaluation_period", period_id=period["id"])


def job_text(period: dict) -> str:
    """The closing (or opening) job's state in one sentence, for the progress bar's text."""
    job = period.get("job") or {}
    kind = _("Khóa kỳ") if job.get("kind") == "close" else _("Thông báo mở kỳ")
    state = names().job.get(job.get("status"), job.get("status") or "")
    if job.get("status") == "failed":
        return _("{kind}: {state}. Có thể yêu cầu khóa kỳ lại.", kind=kind, state=state)
    if job.get("total"):
        return _("{kind}: {state} — đã xử lý {done}/{total} đơn vị.", kind=kind, state=state, done=job.get("done", 0),
                 total=job["total"])
    return _("{kind}: {state}.", kind=kind, state=state)


def _open_progress(period: dict) -> dict | None:
    """Answered / expected ratings and completed / assigned tasks over the units in scope (open periods)."""
    if period["status"] != "open":
        return None
    reply = api("GET", f"/api/v1/periods/{period['id']}/units")
    if not reply.ok:
        return None
    rows = reply.body
    return {"answered": sum(c["answered"] for r in rows for c in r["groups"].values()),
            "expected": sum(c["expected"] for r in rows for c in r["groups"].values()),
            "tasks": sum(r["tasks"] for r in rows), "completed": sum(r["tasks_completed"] for r in rows)}


def _periods_page(values: dict | None = None, errors: dict | None = None, general: str = "", status: int = 200):
    periods = fetch("/api/v1/periods")
    return render_template("evaluation/periods.html", periods=periods, names=names(), label=period_label,
                           progress={p["id"]: _open_progress(p) for p in periods}, values=values or {},
                           errors=errors or {}, general=general, notice=notice_of(NOTICES),
                           quarters=[(q, str(q)) for q in range(1, 5)], months=[(m, str(m)) for m in range(1, 13)],
                           can_open=g.web_user.role == "province_admin",
                           breadcrumbs=[(_("Trang chủ"), url_for("ui.home")), (_("Kỳ đánh giá"), None)]), status


@bp.get("/evaluation/periods")
@login_required(*HR_READERS)
def evaluation_periods():
    return _periods_page()


@bp.post("/evaluation/periods")
@login_required("province_admin")
def evaluation_period_open():
    payload, errors = to_payload(request.form, OPEN_FIELDS)
    if errors:
        return _periods_page(request.form.to_dict(), errors, "", 422)
    reply = api("POST", "/api/v1/periods", json=payload)
    if reply.status == 201:
        return redirect(url_for("ui.evaluation_period", period_id=reply.body["id"], notice="opened"))
    return _periods_page(request.form.to_dict(), flat_errors(reply.error_fields()), reply.error_message(),
                         reply.status)


def _period_page(period_id: str, general: str = "", status: int = 200):
    period = fetch(f"/api/v1/periods/{period_id}")
    rows = fetch(f"/api/v1/periods/{period_id}/units")
    rows.sort(key=lambda r: r["unit_name"])
    notice = notice_of(NOTICES)
    reminded = next((r for r in rows if r["unit_id"] == request.args.get("unit_id")), None)
    if request.args.get("notice") == "reminded" and reminded and request.args.get("n", "").isdigit():
        notice = _("Đã nhắc {n} người chưa đánh giá đủ của {unit}.", n=request.args["n"], unit=reminded["unit_name"])
    job = period.get("job") or {}
    return render_template(
        "evaluation/period.html", period=period, rows=rows, names=names(), name=period_label(period["code"]),
        states={r["unit_id"]: classification_state(r) for r in rows}, job=job, job_text=job_text(period),
        job_running=job.get("status") in ("queued", "running"), general=general, notice=notice,
        can_remind=g.web_user.role in HR and period["status"] == "open",
        can_close=g.web_user.role == "province_admin" and (
            period["status"] == "open" or (period["status"] == "closing" and job.get("status") == "failed")),
        breadcrumbs=crumbs((period_label(period["code"]), None))), status


@bp.get("/evaluation/periods/<period_id>")
@login_required(*HR_READERS)
def evaluation_period(period_id):
    return _period_page(period_id)


@bp.get("/evaluation/periods/<period_id>/job")
@login_required(*HR_READERS)
def evaluation_period_job(period_id):
    """The period's job for the page's script: state, counts, the sentence shown, finished or not."""
    period = fetch(f"/api/v1/periods/{period_id}")
    job = period.get("job") or {}
    return jsonify({"status": period["status"], "job_status": job.get("status"), "done": job.get("done") or 0,
                    "total": job.get("total"), "text": job_text(period),
                    "finished": job.get("status") in ("done", "failed", None)})


@bp.post("/evaluation/periods/<period_id>/close")
@login_required("province_admin")
def evaluation_period_close(period_id):
    if request.form.get("confirm") != "1":
        return _period_page(period_id, _(CONFIRM_CLOSE), 422)
    reply = api("POST", f"/api/v1/periods/{period_id}/close")
    if reply.status == 404:
        abort(404)
    if not reply.ok:
        return _period_page(period_id, reply.error_message(), reply.status)
    return redirect(url_for("ui.evaluation_period", period_id=period_id, notice="closing") + "#job")


@bp.post("/evaluation/periods/<period_id>/reminders")
@login_required(*HR)
def evaluation_period_remind(period_id):
    unit_id = request.form.get("unit_id", "")
    reply = api("POST", f"/api/v1/periods/{period_id}/reminders", json={"unit_id": unit_id})
    if reply.status in (403, 404):
        abort(reply.status)
    if not reply.ok:
        return _period_page(period_id, reply.error_message(), reply.status)
    return redirect(url_for("ui.evaluation_period", period_id=period_id, notice="reminded",
                            n=reply.body["reminded"], unit_id=unit_id) + f"#u-{unit_id}")
