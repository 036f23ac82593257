"""Kiosk devices of the units: the list (last seen, revoked), enrolment (the device token is shown
once, on the page that follows) and revocation — through the same handler, with the same unit
scope, as the public API."""
from __future__ import annotations

from flask import g, render_template, request, url_for
from marshmallow import ValidationError

from cadre_shared.errors import ApiError

from ...audit.hook import note
from ...domain.kiosk_access import KIOSK_MANAGERS
from ...handlers import kiosk_admin
from ...models.kiosk import Kiosk
from ...schemas.kiosks import KioskIn
from ..pages import blueprint as bp
from ..api_client import registry_lookup
from ..i18n import gettext as _
from ..web_session import login_required, web_principal
from . import lookups


def _audit(action: str, kiosk: Kiosk) -> None:
    user = g.web_user
    note(action=action, actor=user.username, actor_id=user.id, role=user.role, unit_id=user.unit_id,
         outcome="success", status=200, target=f"kiosks/{kiosk.id}",
         detail={"channel": "web", "unit_id": kiosk.unit_id, "name": kiosk.name})


def _page(errors: dict | None = None, enrolled: dict | None = None, form: dict | None = None, notice=None):
    unit_id = request.args.get("unit_id") or None
    found = kiosk_admin.kiosks_in_scope(web_principal(), unit_id, include_revoked=True)
    return render_template("kiosk/admin.html", kiosks=found, unit_names=lookups.unit_names(), errors=errors or {},
                           enrolled=enrolled, form=form or {}, notice=notice, unit_id=unit_id,
                           units=lookups.unit_options(), can_manage=g.web_user.role in KIOSK_MANAGERS,
                           breadcrumbs=[(_("Trang chủ"), url_for("ui.home")), (_("Ki-ốt đánh giá"), None)])


@bp.get("/kiosks")
@login_required("province_admin", "unit_hr", "auditor")
def kiosks_list():
    return _page()


@bp.post("/kiosks")
@login_required(*KIOSK_MANAGERS)
def kiosk_enrol():
    form = {"unit_id": request.form.get("unit_id", ""), "name": request.form.get("name", "").strip()}
    try:
        data = KioskIn().load(form)
        kiosk, token = kiosk_admin.enrol(web_principal(), data["unit_id"], data["name"], registry_lookup)
    except ValidationError as exc:
        return _page(errors=exc.messages, form=form), 422
    except ApiError as exc:
        if exc.status != 422:
            raise
        return _page(errors=exc.fields, form=form), 422
    _audit("kiosks.create", kiosk)
    return _page(enrolled={"kiosk": kiosk, "token": token, "setup_url": kiosk_admin.setup_url(token)})


@bp.post("/kiosks/<kiosk_id>/revoke")
@login_required(*KIOSK_MANAGERS)
def kiosk_revoke(kiosk_id):
    kiosk = kiosk_admin.revoke(web_principal(), kiosk_id)
    _audit("kiosks.revoke", kiosk)
    return _page(notice=_("Đã thu hồi ki-ốt {name}.", name=kiosk.name))
