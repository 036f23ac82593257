"""/reports: the inspection's queue of citizens' reports (with the reporter's contact details, for
inspectors only) and its conclusions; the province's administrator reads the queue without them."""
from __future__ import annotations

from flask import redirect, render_template, request, url_for

from ..api_client import api, fetch
from ..forms import flat_errors
from ..i18n import N_, notice_of
from ..i18n import gettext as _
from ..pages import blueprint as bp
from ..web_session import login_required

READERS = ("inspector", "province_admin")
PER_PAGE = 25
STATUSES = {"received": N_("Chờ xác minh"), "concluded": N_("Đã kết luận")}
CHANNELS = {"web": N_("Trang phản ánh"), "kiosk": N_("Ki-ốt"), "receipt": N_("Mã QR trên phiếu hẹn")}
NOTICES = {"concluded": N_("Đã ghi kết luận.")}


def _crumbs(*tail):
    return [(_("Trang chủ"), url_for("ui.home")), (_("Phản ánh của người dân"), url_for("ui.reports")), *tail]


@bp.get("/reports")
@login_required(*READERS)
def reports():
    status = request.args.get("status") if request.args.get("status") in STATUSES else "received"
    page = int(request.args["page"]) if request.args.get("page", "").isdigit() else 1
    reply = api("GET", "/api/v1/reports", params={"status": status, "page": page, "per_page": PER_PAGE})
    total = int(reply.headers.get("X-Total-Count", 0)) if reply.ok else 0
    return render_template("civic/reports.html", items=reply.body if reply.ok else [], status=status,
                           statuses=STATUSES, status_options=[(k, _(v)) for k, v in STATUSES.items()], channels=CHANNELS, page=page, total=total,
                           total_pages=max(1, -(-total // PER_PAGE)),
                           page_url=lambda n: url_for("ui.reports", status=status, page=n), breadcrumbs=_crumbs())


def _detail(reference: str, errors: dict | None = None, general: str = "", status: int = 200):
    item = fetch(f"/api/v1/reports/{reference}")
    return render_template("civic/report_detail.html", item=item, statuses=STATUSES, channels=CHANNELS,
                           errors=errors or {}, general=general, values=request.form.to_dict(),
                           notice=notice_of(NOTICES), breadcrumbs=_crumbs((reference, None))), status


@bp.get("/reports/<reference>")
@login_required(*READERS)
def report_detail(reference: str):
    return _detail(reference)


@bp.post("/reports/<reference>/conclusion")
@login_required("inspector")
def report_conclude(reference: str):
    choice = request.form.get("substantiated")
    if choice not in ("yes", "no"):
        return _detail(reference, {"substantiated": [_("Chọn kết luận")]}, status=422)
    reply = api("POST", f"/api/v1/reports/{reference}/conclusion",
                json={"substantiated": choice == "yes", "note": request.form.get("note", "").strip()})
    if reply.ok:
        return redirect(url_for("ui.report_detail", reference=reference, notice="concluded"))
    return _detail(reference, flat_errors(reply.error_fields()), reply.error_message(), 422)
