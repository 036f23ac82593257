"""The audit trail view (auditors and province administrators), with filters and chain verification."""
from __future__ import annotations

from flask import current_app, render_template, request, url_for
from marshmallow import ValidationError

from ...handlers import audit_trail, audit_verification
from ...schemas.audit import OUTCOMES, AuditQuery
from ..pages import blueprint as bp
from ..formatting import parse_vn_date
from ..web_session import login_required

PER_PAGE = 50
FILTERS = ("actor", "action", "target", "outcome", "request_id", "from", "to")


@bp.get("/audit")
@login_required("province_admin", "auditor")
def audit():
    raw = {name: request.args.get(name, "").strip() for name in FILTERS}
    errors = {}
    query_in = {k: v for k, v in raw.items() if v and k not in ("from", "to")}
    for name in ("from", "to"):
        if raw[name]:
            day = parse_vn_date(raw[name])
            if day is None:
                errors[name] = ["Ngày theo dạng dd/mm/yyyy / date as dd/mm/yyyy"]
            else:
                query_in[name] = day.isoformat()
    page = request.args.get("page", "1")
    query_in["page"] = page if page.isdigit() else "1"
    query_in["per_page"] = str(PER_PAGE)
    try:
        query = AuditQuery().load(query_in)
    except ValidationError as exc:
        errors.update({("from" if k == "date_from" else "to" if k == "date_to" else k): v
                       for k, v in exc.messages.items()})
        query = {"page": 1, "per_page": PER_PAGE}
    records = audit_trail.query(query if not errors else {})
    total = records.count()
    start = (query["page"] - 1) * PER_PAGE
    verification = None
    if request.args.get("verify") == "1":  # the last background check; a fresh one is asked for
        current_app.extensions["c360_audit_verifier"].request_run()
        verification = audit_verification.latest()

    def page_url(number: int) -> str:
        return url_for("ui.audit", **{k: v for k, v in raw.items() if v}, page=number)

    return render_template("ui/audit.html", records=list(records.skip(start).limit(PER_PAGE)), total=total,
                           page=query["page"], total_pages=max(1, -(-total // PER_PAGE)), page_url=page_url,
                           filters=raw, errors=errors, outcomes=OUTCOMES, verification=verification,
                           breadcrumbs=[])
