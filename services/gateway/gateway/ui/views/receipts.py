"""The counter's receipt slip (phiếu hẹn) with a QR code: the official who received a dossier issues a
signed rating link for it (the same handler as ``POST /api/v1/receipt-links``) and prints it; the
citizen scans the code with a phone and rates that official for that dossier on the kiosk page."""
from __future__ import annotations

import segno
from flask import g, render_template, request, url_for
from marshmallow import ValidationError

from cadre_shared.errors import ApiError

from ...audit.hook import note
from ...handlers import receipt_links
from ...schemas.kiosks import ReceiptIn
from ..api_client import fetch, fetch_optional, registry_lookup
from ..i18n import gettext as _
from ..pages import blueprint as bp
from ..web_session import login_required, web_principal
from . import lookups

ISSUERS = ("province_admin", "unit_hr", "cadre")


QR_SCALE, QR_BORDER = 4, 4  # pixels per module on screen; modules of white around the code (the norm's quiet zone)


def qr_image(link: str) -> tuple[str, int]:
    """The link as a QR code: an SVG as a data: address (which the page's CSP admits as an image) and
    its side in pixels, whole pixels per module so that every module is drawn alike."""
    code = segno.make(link, micro=False)
    return code.svg_data_uri(scale=QR_SCALE, border=QR_BORDER), code.symbol_size(scale=QR_SCALE, border=QR_BORDER)[0]


def _setting() -> tuple[dict | None, list[tuple[str, str]], list[tuple[str, str]]]:
    """The unit the slip is for, the officials who may be named on it, and the unit's procedures."""
    user = g.web_user
    if user.role == "cadre":
        me = fetch(f"/api/v1/cadres/{user.cadre_id}") if user.cadre_id else None
        unit_id, officials = (me or {}).get("unit_id"), [(me["id"], me["full_name"])] if me else []
    else:
        unit_id = user.unit_id or request.values.get("unit_id") or None
        roster = fetch_optional(f"/api/v1/surveys/units/{unit_id}/counter-staff") if unit_id else None
        officials = [(s["cadre_id"], s["full_name"]) for s in (roster or {}).get("staff", [])]
    unit = fetch(f"/api/v1/units/{unit_id}") if unit_id else None
    listed = fetch_optional(f"/api/v1/surveys/units/{unit_id}/procedures") if unit_id else None
    procedures = [(p["code"], f'{p["name"]} ({p["code"]})') for p in (listed or {}).get("procedures", [])]
    return unit, officials, procedures


def _page(form: dict | None = None, errors: dict | None = None, slip: dict | None = None, status: int = 200):
    unit, officials, procedures = _setting()
    return render_template("receipts/counter.html", unit=unit, officials=officials, procedures=procedures,
                           units=lookups.unit_options() if g.web_user.role == "province_admin" else [],
                           form=form or {}, errors=errors or {}, slip=slip,
                           breadcrumbs=[(_("Trang chủ"), url_for("ui.home")), (_("Phiếu hẹn có mã QR"), None)]), status


@bp.get("/receipts")
@login_required(*ISSUERS)
def receipts():
    return _page()


@bp.post("/receipts")
@login_required(*ISSUERS)
def receipt_issue():
    form = {name: (request.form.get(name) or "").strip() for name in ("cadre_id", "dossier_code", "unit_id",
                                                                        "procedure_code")}
    try:
        data = ReceiptIn().load({**form, "unit_id": form["unit_id"] or None,
                                 "procedure_code": form["procedure_code"] or None})
        token, expires_at = receipt_links.issue(web_principal(), data, registry_lookup)
    except ValidationError as exc:
        return _page(form, exc.messages, status=422)
    except ApiError as exc:
        if exc.status != 422:
            raise
        return _page(form, exc.fields or {"cadre_id": [exc.message]}, status=422)
    user = g.web_user
    note(action="receipt-links.create", actor=user.username, actor_id=user.id, role=user.role,
         unit_id=user.unit_id, outcome="success", status=200, target=f"cadres/{data['cadre_id']}",
         detail={"channel": "web", "procedure_code": data["procedure_code"]})
    link = receipt_links.link_for(token)
    _unit, officials, procedures = _setting()
    qr, side = qr_image(link)
    slip = {"link": link, "qr": qr, "qr_side": side, "expires_at": expires_at, "dossier_code": data["dossier_code"],
            "official": dict(officials).get(data["cadre_id"], ""),
            "procedure": dict(procedures).get(data["procedure_code"] or "", "")}
    return _page({"unit_id": form["unit_id"]}, slip=slip)
