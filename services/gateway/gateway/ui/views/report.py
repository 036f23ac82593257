"""/report: anyone reports an official's conduct — from the kiosk's thank-you screen, a receipt's
QR page or here directly — and gets a reference; /report/status follows the case by it. Contact
details are optional and only the inspection ever reads them."""
from __future__ import annotations

from urllib.parse import quote

from flask import request

from ..forms import flat_errors
from ..formatting import parse_vn_date
from ..i18n import gettext as _
from ..pages import blueprint as bp
from .public import page, public_call

CHANNELS = ("web", "kiosk", "receipt")


def _form(values: dict, errors: dict | None = None, general: str = "", status: int = 200):
    unit_id = values.get("unit_id", "")
    units = public_call("GET", "/api/v1/reports/units").body or []
    officials = public_call("GET", "/api/v1/reports/officials", params={"unit_id": unit_id}).body if unit_id else []
    return page("civic/report_form.html", status, values=values, errors=errors or {}, general=general,
                units=[(u["unit_id"], u["name"]) for u in units],
                officials=[(o["cadre_id"], o["full_name"]) for o in officials or []])


@bp.get("/report")
def report():
    channel = request.args.get("from") if request.args.get("from") in CHANNELS else "web"
    return _form({"unit_id": request.args.get("unit", "")[:64], "cadre_id": request.args.get("cadre", "")[:64],
                  "channel": channel})


@bp.post("/report")
def report_send():
    values = request.form.to_dict()
    if not values.get("cadre_id"):  # the unit was just chosen: offer its officials
        return _form(values, {"cadre_id": [_("Chọn cán bộ")]} if values.get("what") else {})
    payload = {"cadre_id": values["cadre_id"], "what": values.get("what", "").strip(),
               "channel": values.get("channel") if values.get("channel") in CHANNELS else "web"}
    for name in ("where", "contact"):
        if values.get(name, "").strip():
            payload[name] = values[name].strip()
    if values.get("happened_on", "").strip():
        day = parse_vn_date(values["happened_on"])
        if day is None:
            return _form(values, {"happened_on": [_("Ngày theo dạng dd/mm/yyyy")]}, status=422)
        payload["happened_on"] = day.isoformat()
    reply = public_call("POST", "/api/v1/reports", json=payload)
    if reply.status == 201:
        return page("civic/report_done.html", reference=reply.body["reference"], channel=payload["channel"])
    return _form(values, flat_errors(reply.error_fields()), reply.error_message(),
                 reply.status if reply.status < 500 else 502)


@bp.get("/report/status")
def report_status():
    reference = request.args.get("reference", "").strip()[:20]
    found, error = None, ""
    if reference:
        reply = public_call("GET", f"/api/v1/reports/status/{quote(reference, safe='')}")
        if reply.status == 200:
            found = reply.body
        else:
            error = _("Không tìm thấy phản ánh có mã này.") if reply.status == 404 else reply.error_message()
    return page("civic/report_status.html", reference=reference, found=found, error=error)
