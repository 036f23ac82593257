"""API keys of the training school's own system (khóa API): a province administrator creates one (the
key is shown once, on the page that follows) and revokes it — through the same handler as the public
API, each audited."""
from __future__ import annotations

from flask import g, render_template, request, url_for
from marshmallow import ValidationError

from ...audit.hook import note
from ...handlers import api_keys
from ...schemas.api_keys import ApiKeyIn
from ..i18n import gettext as _
from ..pages import blueprint as bp
from ..web_session import login_required, web_principal


def _audit(action: str, key) -> None:
    user = g.web_user
    note(action=action, actor=user.username, actor_id=user.id, role=user.role, unit_id=user.unit_id,
         outcome="success", status=200, target=f"api-keys/{key.id}", detail={"channel": "web", "name": key.name})


def _page(errors: dict | None = None, created: dict | None = None, form: dict | None = None, notice=None,
          status: int = 200):
    return render_template("ui/api_keys.html", keys=api_keys.listed(), errors=errors or {}, created=created,
                           form=form or {}, notice=notice,
                           breadcrumbs=[(_("Trang chủ"), url_for("ui.home")), (_("Tài khoản"), url_for("ui.users_list")),
                                        (_("Khóa API"), None)]), status


@bp.get("/api-keys")
@login_required("province_admin")
def api_keys_page():
    return _page()


@bp.post("/api-keys")
@login_required("province_admin")
def api_key_create():
    form = {"name": (request.form.get("name") or "").strip()}
    try:
        data = ApiKeyIn().load(form)
    except ValidationError as exc:
        return _page(errors=exc.messages, form=form, status=422)
    key, secret = api_keys.create(web_principal(), data["name"])
    _audit("api_keys.create", key)
    return _page(created={"key": key, "secret": secret})


@bp.post("/api-keys/<key_id>/revoke")
@login_required("province_admin")
def api_key_revoke(key_id):
    key = api_keys.revoke(web_principal(), key_id)
    _audit("api_keys.revoke", key)
    return _page(notice=_("Đã thu hồi khóa {name}.", name=key.name))
