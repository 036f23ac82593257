"""Course-result uploads for the training school (tải lên kết quả bồi dưỡng): pick a CSV or XLSX
file, send it to the training service, read the per-row report."""
from __future__ import annotations

from flask import redirect, render_template, request, url_for

from ..pages import blueprint as bp
from ..api_client import api, fetch, fetch_optional
from ..i18n import gettext as _
from ..web_session import login_required

UPLOADERS = ("province_admin", "training_school")
MAX_BYTES = 10 * 1024 * 1024


def _page(error: str | None = None, status: int = 200):
    uploads = fetch_optional("/api/v1/training/uploads", limit=20) or []
    return render_template("training/uploads.html", uploads=uploads, error=error,
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
    if reply.status == 201:
        return redirect(url_for("ui.training_upload_report", batch_id=reply.body["id"]))
    messages = reply.error_fields().get("file") or [reply.error_message()]
    return _page(" ".join(messages), reply.status if reply.status < 500 else 502)


@bp.get("/training/uploads/<batch_id>")
@login_required(*UPLOADERS)
def training_upload_report(batch_id: str):
    report = fetch(f"/api/v1/training/uploads/{batch_id}")
    return render_template("training/upload_report.html", report=report,
                           breadcrumbs=[(_("Trang chủ"), url_for("ui.home")),
                                        (_("Kết quả bồi dưỡng"), url_for("ui.training_uploads")),
                                        (report["file_name"] or _("Tệp"), None)])
