"""Course-result uploads for the training school (tải lên kết quả bồi dưỡng): pick a CSV or XLSX
file, send it to the training service, read the per-row report. A large file is processed as a job:
its page shows the job's state and a progress bar, which ``static/ui/job-progress.js`` moves by
polling ``/training/uploads/<id>/job`` (without script, the page's refresh link), then the report."""
from __future__ import annotations

from flask import jsonify, redirect, render_template, request, url_for

from ..pages import blueprint as bp
from ..api_client import api, fetch, fetch_optional
from ..i18n import gettext as _
from ..web_session import login_required
from .appraisal_labels import names

UPLOADERS = ("province_admin", "training_school")
MAX_BYTES = 10 * 1024 * 1024


def _page(error: str | None = None, status: int = 200):
    uploads = fetch_optional("/api/v1/training/uploads", limit=20) or []
    return render_template("training/uploads.html", uploads=uploads, error=error, names=names(),
                           breadcrumbs=[(_("Trang chủ"), url_for("ui.home")), (_("Kết quả bồi dưỡng"), None)]), status


@bp.get("/training/uploads")
@login_required(*UPLOADERS)
def training_uploads():
    return _page()


@bp.post("/training/uploads")
@login_required(*UPLOADERS)
def training_upload_send():
    sent = request.files.get("file")
    content = sent.read(MAX_BYTES + 1) if sent else b""
    if not sent or not sent.filename or not content:
        return _page(_("Hãy chọn một tệp CSV hoặc XLSX."), 422)
    if len(content) > MAX_BYTES:
        return _page(_("Tệp quá lớn (tối đa 10 MB)."), 422)
    reply = api("POST", "/api/v1/training/uploads",
                files={"file": (sent.filename, content, sent.mimetype or "application/octet-stream")})
    if reply.status in (201, 202):
        return redirect(url_for("ui.training_upload_report", batch_id=reply.body["id"]))
    messages = reply.error_fields().get("file") or [reply.error_message()]
    return _page(" ".join(messages), reply.status if reply.status < 500 else 502)


def job_text(report: dict) -> str:
    """The upload job's state in one sentence, for the progress bar's text."""
    job = report.get("job") or {}
    state = names().job.get(report.get("status"), report.get("status") or "")
    if report.get("status") == "failed":
        return _("Xử lý tệp: {state}. Hệ thống sẽ tự chạy lại.", state=state)
    if job.get("total"):
        return _("Xử lý tệp: {state} — đã kiểm tra {validated}/{total} dòng, đã ghi {stored}/{accepted} dòng hợp lệ.",
                 state=state, validated=job.get("validated") or 0, total=job["total"], stored=job.get("stored") or 0,
                 accepted=job.get("accepted") if job.get("accepted") is not None else "?")
    if report.get("status") == "queued":
        return _("Xử lý tệp: {state}.", state=state)
    return _("Xử lý tệp: {state} — đang đọc tệp.", state=state)


def _running(report: dict) -> bool:
    return report.get("status") in ("queued", "running", "failed")


@bp.get("/training/uploads/<batch_id>")
@login_required(*UPLOADERS)
def training_upload_report(batch_id: str):
    report = fetch(f"/api/v1/training/uploads/{batch_id}")
    return render_template("training/upload_report.html", report=report, job=report.get("job") or {},
                           job_running=_running(report), job_text=job_text(report),
                           breadcrumbs=[(_("Trang chủ"), url_for("ui.home")),
                                        (_("Kết quả bồi dưỡng"), url_for("ui.training_uploads")),
                                        (report["file_name"] or _("Tệp"), None)])


@bp.get("/training/uploads/<batch_id>/job")
@login_required(*UPLOADERS)
def training_upload_job(batch_id: str):
    """The upload's job for the page's script: state, rows finished of the total, the sentence shown,
    finished or not."""
    report = fetch(f"/api/v1/training/uploads/{batch_id}")
    job = report.get("job") or {}
    return jsonify({"status": report.get("status"), "job_status": job.get("status"), "done": job.get("done") or 0,
                    "total": job.get("total"), "validated": job.get("validated") or 0,
                    "stored": job.get("stored") or 0, "text": job_text(report), "finished": not _running(report)})
