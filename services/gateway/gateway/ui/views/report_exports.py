"""The scorecard and the satisfaction report as files (PRODUCT.md §6 exports): the services write
them (XLSX with formula-safe cells, PDF with an embedded Vietnamese font); the pages link here and
this hands each file on as it came, within the signed-in user's scope."""
from __future__ import annotations

from flask import Response, abort, g, request

from ..api_client import api
from ..pages import blueprint as bp
from ..web_session import login_required

READERS = ("province_admin", "unit_hr", "auditor")
KINDS = ("xlsx", "pdf")


def _handed_on(path: str, params: dict) -> Response:
    reply = api("GET", path, params=params, timeout=120)
    if reply.status in (403, 404, 422):
        abort(404 if reply.status == 422 else reply.status)
    if not reply.ok:
        abort(502 if reply.status < 500 else reply.status)
    response = Response(reply.content, mimetype=reply.headers.get("Content-Type"))
    response.headers["Content-Disposition"] = reply.headers.get("Content-Disposition", "attachment")
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/scorecard/export.<kind>")
@login_required(*READERS)
def scorecard_export(kind: str):
    if kind not in KINDS:
        abort(404)
    return _handed_on(f"/api/v1/exports/scorecard.{kind}", {
        "period": request.args.get("period"), "unit_id": g.web_user.unit_id or request.args.get("unit_id")})


@bp.get("/satisfaction/export.<kind>")
@login_required(*READERS)
def satisfaction_export(kind: str):
    period = request.args.get("period")
    if kind not in KINDS or not period:
        abort(404)
    return _handed_on(f"/api/v1/exports/satisfaction.{kind}", {
        "period": period, "unit_id": g.web_user.unit_id or request.args.get("unit_id")})
