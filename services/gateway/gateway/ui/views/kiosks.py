"""Kiosk devices of the units: the list (last seen, revoked), enrolment by a province
administrator (the device token is shown once, on the page that follows), and revocation."""
from __future__ import annotations

from flask import abort, g, render_template, request, url_for
from marshmallow import ValidationError

from ...audit_hook import note
from ...handlers import kiosks
from ...models.kiosk import Kiosk
from ...schemas.kiosks import KioskIn
from .. import blueprint as bp
from ..api_client import api
from ..catalogue import ENGLISH
from ..i18n import gettext as _
from ..web_session import login_required
from . import lookups
from .satisfaction_texts import KIOSK_ENGLISH

ENGLISH.update(KIOSK_ENGLISH)


def _audit(action: str, kiosk: Kiosk) -> None:
    user = g.web_user
    note(action=action, actor=user.username, actor_id=user.id, role=user.role, unit_id=user.unit_id,
         outcome="success", status=200, target=f"kiosks/{kiosk.id}",
         detail={"channel": "web", "unit_id": kiosk.unit_id, "name": kiosk.name})


def _page(errors: dict | None = None, enrolled: dict | None = None, form: dict | None = None, notice=None):
    unit_id = g.web_user.unit_id or request.args.get("unit_id") or None
    found = Kiosk.objects.order_by("unit_id", "name")
    if unit_id:
        found = found.filter(unit_id=unit_id)
    names = lookups.unit_names()
    return render_template("kiosk/admin.html", kiosks=list(found), unit_names=names, errors=errors or {},
                           enrolled=enrolled, form=form or {}, notice=notice, unit_id=unit_id,
                           units=lookups.unit_options(), can_manage=g.web_user.role == "province_admin",
                           breadcrumbs=[(_("Trang chủ"), url_for("ui.home")), (_("Ki-ốt đánh giá"), None)])


@bp.get("/kiosks")
@login_required("province_admin", "unit_hr", "auditor")
def kiosks_list():
    return _page()


@bp.post("/kiosks")
@login_required("province_admin")
def kiosk_enrol():
    form = {"unit_id": request.form.get("unit_id", ""), "name": request.form.get("name", "").strip()}
    try:
        data = KioskIn().load(form)
    except ValidationError as exc:
        return _page(errors=exc.messages, form=form), 422
    unit = api("GET", f"/api/v1/units/{data['unit_id']}")
    if unit.status != 200:
        return _page(errors={"unit_id": [_("Đơn vị không tồn tại")]}, form=form), 422
    kiosk, token = kiosks.enrol(data["unit_id"], unit.body.get("name"), data["name"], g.web_user.username)
    _audit("kiosks.create", kiosk)
    setup_url = url_for("kiosk_device.page", _external=True) + "#k=" + token
    return _page(enrolled={"kiosk": kiosk, "token": token, "setup_url": setup_url})


@bp.post("/kiosks/<kiosk_id>/revoke")
@login_required("province_admin")
def kiosk_revoke(kiosk_id):
    kiosk = Kiosk.objects(id=kiosk_id).first()
    if kiosk is None:
        abort(404)
    kiosks.revoke(kiosk, g.web_user.username)
    _audit("kiosks.revoke", kiosk)
    return _page(notice=_("Đã thu hồi ki-ốt {name}.", name=kiosk.name))
