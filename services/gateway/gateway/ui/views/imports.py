"""Import of a cadre list (nhập danh sách cán bộ) from XLSX or CSV on the web: send the file to the
registry, read its per-row report. A long file takes a while on the registry's side: the page shows
the upload's progress and then that the rows are being checked (static/ui/import.js); without
scripts the form posts as any form and the report comes back the same."""
from __future__ import annotations

from flask import render_template, request, url_for

from ..api_client import api
from ..i18n import gettext as _
from ..pages import blueprint as bp
from ..web_session import login_required

MANAGERS = ("province_admin", "unit_hr")
MAX_BYTES = 20 * 1024 * 1024
# A 10 000-row file is checked and stored row by row on the registry's side: give it the time it takes.
IMPORT_TIMEOUT_SECONDS = 600
COLUMNS = ("Mã cán bộ", "Họ và tên", "Giới tính", "Năm sinh", "Mã đơn vị")
OPTIONAL = ("Dân tộc", "Trình độ chuyên môn", "Lý luận chính trị", "Kỹ năng số", "Mã phòng ban", "Mã vị trí việc làm",
            "Ngày bổ nhiệm", "Thử thách đến ngày", "Người địa phương", "Ngày đánh giá")


def _crumbs(*tail):
    return [(_("Trang chủ"), url_for("ui.home")), (_("Cán bộ"), url_for("ui.cadres")),
            (_("Nhập danh sách cán bộ"), url_for("ui.cadre_import") if tail else None), *tail]


def _page(report: dict | None = None, error: str | None = None, status: int = 200):
    return render_template("imports/cadres.html", report=report, error=error, columns=COLUMNS, optional=OPTIONAL,
                           breadcrumbs=_crumbs((_("Báo cáo nhập"), None)) if report else _crumbs()), status


@bp.get("/imports/cadres")
@login_required(*MANAGERS)
def cadre_import():
    return _page()


@bp.post("/imports/cadres")
@login_required(*MANAGERS)
def cadre_import_send():
    sent = request.files.get("file")
    content = sent.read(MAX_BYTES + 1) if sent else b""
    if not sent or not sent.filename or not content:
        return _page(error=_("Hãy chọn một tệp CSV hoặc XLSX."), status=422)
    if len(content) > MAX_BYTES:
        return _page(error=_("Tệp quá lớn (tối đa 20 MB)."), status=422)
    reply = api("POST", "/api/v1/imports/cadres", timeout=IMPORT_TIMEOUT_SECONDS,
                files={"file": (sent.filename, content, sent.mimetype or "application/octet-stream")})
    if reply.ok:
        return _page(report=reply.body)
    messages = reply.error_fields().get("file") or [reply.error_message()]
    return _page(error=" ".join(messages), status=reply.status if reply.status < 500 else 502)
